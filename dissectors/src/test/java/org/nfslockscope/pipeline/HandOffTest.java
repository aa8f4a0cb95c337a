package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.net.Endpoint;
import org.nfslockscope.rpc.CallInfo;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcCall;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;
import org.nfslockscope.rpc.RpcMessage;
import org.nfslockscope.rpc.Transport;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.TestCaptures;

/** The listener on a second thread sees what it sees on the pipeline's thread, failures included. */
class HandOffTest {
    @TempDir
    Path dir;

    /** Every callback as one line: what the listener was given, record bytes by length and checksum. */
    static final class Recorder implements RpcListener {
        final List<String> seen = new ArrayList<>();
        /** Throws this at the message with this index (0-based), when set. */
        RuntimeException throwAt;
        int throwIndex = -1;
        Error errorAt;
        private int messages;

        @Override
        public void onMessage(RpcEvent e) {
            int index = messages++;
            seen.add("msg " + e.frame() + " " + e.timeNanos() + " " + e.transport() + " " + e.connection() + " "
                    + e.src() + " " + e.dst() + " " + message(e.message()) + " " + call(e.call()) + " "
                    + e.retransmission() + " " + e.complete() + " " + bytes(e.record()) + " body " + bytes(e.body()));
            if (index == throwIndex && throwAt != null) {
                throw throwAt;
            }
            if (index == throwIndex && errorAt != null) {
                throw errorAt;
            }
        }

        @Override
        public void onCaptureStart(long timeNanos) {
            seen.add("start " + timeNanos);
        }

        @Override
        public void onCaptureGap(long connection, Endpoint src, Endpoint dst, long missing, long frame) {
            seen.add("gap " + connection + " " + src + " " + dst + " " + missing + " " + frame);
        }

        @Override
        public void onConnectionClosed(long connection, long frame) {
            seen.add("closed " + connection + " " + frame);
        }

        private static String message(RpcMessage m) {
            String s = m.getClass().getSimpleName() + " " + m.xidHex() + " at " + m.bodyOffset();
            if (m instanceof RpcCall c) {
                s += " " + c.program() + "/" + c.version() + "/" + c.procedure() + " " + credential(c.credential());
            }
            return s;
        }

        private static String credential(Credential c) {
            return c instanceof Credential.Sys s
                    ? "sys " + s.machineName() + " " + s.uid() + " " + s.gid() + " " + java.util.Arrays.toString(s.gids())
                    : c.toString();
        }

        private static String call(CallInfo c) {
            return c == null ? "-" : c.frame() + "/" + c.timeNanos() + "/" + message(c.call());
        }

        static String bytes(ByteBuffer b) {
            CRC32 crc = new CRC32();
            crc.update(b.duplicate());
            return b.remaining() + ":" + Long.toHexString(crc.getValue());
        }
    }

    /** A pass on one thread: callbacks, and every diagnostic as text. */
    private record Result(List<String> seen, List<String> diagnostics, CaptureSummary summary) {
    }

    private static Result oneThread(Path capture, Recorder r, RpcPipeline.Progress progress, long until)
            throws IOException {
        List<String> diagnostics = new ArrayList<>();
        CaptureSummary s = RpcPipeline.run(capture, r, d -> diagnostics.add(d.toString()), progress, until);
        return new Result(r.seen, diagnostics, s);
    }

    /** As CaptureInput wires it: frames done are told to the hand-off; listener errors appended as diagnostics. */
    private static Result twoThreads(Path capture, Recorder r, HandOff h, RpcPipeline.Progress inner, long until)
            throws IOException {
        List<String> diagnostics = new ArrayList<>();
        RpcPipeline.Progress progress = h.around(inner);
        CaptureSummary s;
        try {
            s = RpcPipeline.run(capture, h, d -> diagnostics.add(d.toString()), progress, until);
        } finally {
            h.finish();
        }
        for (HandOff.ListenerError x : h.listenerErrors()) {
            diagnostics.add(new Diagnostic(x.frame(), Diagnostic.Stage.NET, x.message()).toString());
        }
        return new Result(r.seen, diagnostics, s);
    }

    /** Equal lists, or where they first part. */
    static void same(List<String> expected, List<String> actual, String what) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError(what + ": callback " + i + " differs:\n  " + expected.get(i) + "\n  "
                        + actual.get(i));
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": number of callbacks");
    }

    /** A summary with the counters it holds by reference spelled out (they have no equals). */
    static String text(CaptureSummary s) {
        return s.format() + " " + s.frames() + " " + s.bytes() + " " + s.firstTimeNanos() + " " + s.lastTimeNanos()
                + " " + s.tcpConnections() + " " + s.nonIpFrames() + " " + s.diagnostics() + " " + fields(s.rpc())
                + " " + fields(s.limits());
    }

    private static String fields(Object o) {
        StringBuilder out = new StringBuilder();
        for (java.lang.reflect.Field f : o.getClass().getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            try {
                out.append(f.getName()).append('=').append(f.get(o)).append(' ');
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return out.toString();
    }

    static Stream<Path> captures() {
        return TestCaptures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyRealCaptureGivesTheSameCallbacksWithDefaultAndTinyBatches(Path compressed) throws IOException {
        // The reader is the same on both sides of the comparison; bzip2 in Java is slow.
        Path capture = TestCaptures.uncompressed(compressed);
        Result one = oneThread(capture, new Recorder(), RpcPipeline.Progress.NONE, Long.MAX_VALUE);
        Recorder r = new Recorder();
        Result two = twoThreads(capture, r, new HandOff(r), RpcPipeline.Progress.NONE, Long.MAX_VALUE);
        same(one.seen(), two.seen(), TestCaptures.label(compressed));
        assertEquals(one.diagnostics(), two.diagnostics());
        assertEquals(text(one.summary()), text(two.summary()));
        // Two batches of three callbacks and 100 bytes: nearly every record is larger than an arena.
        Recorder tiny = new Recorder();
        Result small = twoThreads(capture, tiny, new HandOff(tiny, 2, 3, 100), RpcPipeline.Progress.NONE,
                Long.MAX_VALUE);
        same(one.seen(), small.seen(), TestCaptures.label(compressed));
        assertFalse(one.seen().isEmpty() && !TestCaptures.label(compressed).contains("samples-public"),
                "a project capture carries RPC");
    }

    /** A capture whose records (a 300 KiB WRITE-sized call among small ones) are larger than any arena. */
    private Path bigRecords() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(CaptureBuilder.DEFAULT_START_NANOS);
        Host c = b.host("10.0.0.2");
        Host s = b.host("10.0.0.1");
        TcpFlow flow = b.tcp(c, 800, s, 2049).handshake();
        for (int i = 0; i < 4; i++) {
            flow.call(Rpc.call(10 + i, Programs.NFS, 4, 1).authSys("client", 0, 0).body(i == 1 ? 300_000 : 200, i));
            flow.reply(Rpc.reply(10 + i).body(i == 2 ? 70_000 : 100, 7 + i));
        }
        flow.close();
        return b.write(dir.resolve("big.pcap"));
    }

    @Test
    void recordsLargerThanAnArenaTravelWhole() throws IOException {
        Path capture = bigRecords();
        Result one = oneThread(capture, new Recorder(), RpcPipeline.Progress.NONE, Long.MAX_VALUE);
        assertTrue(one.seen().stream().anyMatch(s -> s.contains(" 3000")), "the big call is a message: " + one.seen());
        for (int arena : new int[] {64, 4096, 65_536, HandOff.DEFAULT_ARENA_BYTES}) {
            Recorder r = new Recorder();
            Result two = twoThreads(capture, r, new HandOff(r, 2, 2, arena), RpcPipeline.Progress.NONE,
                    Long.MAX_VALUE);
            same(one.seen(), two.seen(), "arena " + arena);
        }
    }

    @Test
    void theListenerGetsTheBytesEvenWhenThePipelineReusesItsBuffer() {
        Recorder r = new Recorder();
        HandOff h = new HandOff(r, 2, 4, 256);
        Endpoint a = Endpoint.parse("10.0.0.2", 800);
        Endpoint b = Endpoint.parse("10.0.0.1", 2049);
        ByteBuffer reused = ByteBuffer.allocate(1000);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reused.clear();
            for (int j = 0; j < 40 + i * 7; j++) {
                reused.put((byte) (i * 31 + j));
            }
            reused.flip();
            reused.position(3); // a view that does not start at the buffer's start
            RpcCall call = new RpcCall(i, 2, Programs.NLM, 4, 2, new Credential.None(), 0, 8);
            RpcEvent e = new RpcEvent(i + 1, i * 1000L, Transport.TCP, 0, a, b, call, new CallInfo(i + 1, i, call),
                    false, true, reused);
            Recorder shown = new Recorder();
            shown.onMessage(e);
            expected.addAll(shown.seen);
            h.onMessage(e);
            // What the pipeline does next: the buffer is written over.
            reused.clear();
            while (reused.hasRemaining()) {
                reused.put((byte) 0x55);
            }
            h.frameDone(i + 1);
        }
        h.finish();
        assertEquals(expected, r.seen);
        assertTrue(h.listenerErrors().isEmpty());
    }

    /**
     * The pipeline catches an exception from the listener as a decoding failure of the frame:
     * the same diagnostic, and the listener saw the same callbacks up to the failure. After it, a
     * one-thread pass goes on from a frame whose decoding was cut short (here it loses the rest of
     * the segment, a gap), while the two-thread pipeline decoded the frame whole: what follows may
     * differ, and the test does not ask for more than the failure itself.
     */
    @Test
    void aListenerExceptionBecomesTheDiagnosticAOneThreadPassGives() throws IOException {
        for (Path capture : List.of(TestCaptures.projectRoot().resolve("samples-pcap/v40-server-restart-grace.pcap"),
                TestCaptures.projectRoot().resolve("samples-pcap/nlm-basic-contention-granted.pcap"))) {
            for (int at : new int[] {0, 5, 40}) {
                Recorder r1 = new Recorder();
                r1.throwAt = new IllegalStateException("listener bug at message " + at);
                r1.throwIndex = at;
                Result one = oneThread(capture, r1, RpcPipeline.Progress.NONE, Long.MAX_VALUE);
                Recorder r2 = new Recorder();
                r2.throwAt = r1.throwAt;
                r2.throwIndex = at;
                Result two = twoThreads(capture, r2, new HandOff(r2, 2, 3, 512), RpcPipeline.Progress.NONE,
                        Long.MAX_VALUE);
                List<String> internal = one.diagnostics().stream().filter(d -> d.contains("internal error")).toList();
                assertEquals(1, internal.size(), one.diagnostics().toString());
                assertEquals(internal, two.diagnostics().stream().filter(d -> d.contains("internal error")).toList());
                int upTo = one.seen().indexOf(one.seen().stream().filter(x -> x.startsWith("msg")).skip(at)
                        .findFirst().orElseThrow()) + 1;
                same(one.seen().subList(0, upTo), two.seen().subList(0, upTo), capture + " at " + at);
            }
        }
    }

    private static RpcEvent event(long frame, int xid) {
        RpcCall call = new RpcCall(xid, 2, Programs.NLM, 4, 2, new Credential.None(), 0, 4);
        return new RpcEvent(frame, frame, Transport.UDP, -1, Endpoint.parse("10.0.0.2", 800),
                Endpoint.parse("10.0.0.1", 4045), call, null, false, true, ByteBuffer.wrap(new byte[] {0, 0, 0, 1}));
    }

    @Test
    void theRestOfAFrameThatFailedIsSkippedAsTheUnwindingPipelineSkipsIt() {
        Recorder r = new Recorder();
        r.throwAt = new IllegalStateException("bug");
        r.throwIndex = 1;
        HandOff h = new HandOff(r, 2, 2, 64);
        h.onMessage(event(1, 1));
        h.frameDone(1);
        h.onMessage(event(2, 2)); // throws
        h.onMessage(event(2, 3)); // same frame: the one-thread pass never got here
        h.onConnectionClosed(9, 2);
        h.frameDone(2);
        h.frameDone(3);
        h.onMessage(event(4, 4));
        h.frameDone(4);
        r.throwIndex = 3;
        h.onConnectionClosed(5, 4); // end of capture (net.finish)
        h.onMessage(event(4, 5)); // throws at the end of the capture
        h.onMessage(event(4, 6));
        h.finish();
        assertEquals(List.of(1, 2, 4, 5), r.seen.stream().filter(x -> x.startsWith("msg"))
                .map(x -> Integer.decode(x.substring(x.indexOf("0x"), x.indexOf("0x") + 10))).toList());
        assertTrue(r.seen.contains("closed 5 4"));
        assertFalse(r.seen.contains("closed 9 2"));
        assertEquals(List.of(new HandOff.ListenerError(2, "internal error while decoding: " + r.throwAt),
                new HandOff.ListenerError(4, "internal error at end of capture: " + r.throwAt)), h.listenerErrors());
    }

    @Test
    void anErrorInTheListenerIsThrownByFinishAndNeverBlocksThePipeline() {
        Recorder r = new Recorder();
        StackOverflowError boom = new StackOverflowError("deep");
        r.errorAt = boom;
        r.throwIndex = 3;
        HandOff h = new HandOff(r, 2, 2, 64);
        Endpoint a = Endpoint.parse("10.0.0.2", 800);
        Endpoint b = Endpoint.parse("10.0.0.1", 2049);
        RpcCall call = new RpcCall(1, 2, Programs.NFS, 4, 1, new Credential.None(), 0, 4);
        // Far more than two batches of two: a pipeline that ignored failed() would still get through.
        for (int i = 0; i < 10_000; i++) {
            h.onMessage(new RpcEvent(i + 1, i, Transport.UDP, -1, a, b, call, null, false, true,
                    ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
            h.frameDone(i + 1);
        }
        assertTrue(h.failed());
        Error thrown = assertThrows(StackOverflowError.class, h::finish);
        assertSame(boom, thrown);
        assertEquals(4, r.seen.size(), "nothing after the failure: " + r.seen);
    }

    @Test
    void anExceptionAtCaptureStartIsThrownAsTheOneThreadPassThrowsIt() throws IOException {
        Path capture = TestCaptures.projectRoot().resolve("samples-pcap/v41-single.pcap");
        IllegalArgumentException bad = new IllegalArgumentException("no start");
        RpcListener failing = new RpcListener() {
            @Override
            public void onMessage(RpcEvent event) {
            }

            @Override
            public void onCaptureStart(long timeNanos) {
                throw bad;
            }
        };
        assertSame(bad, assertThrows(IllegalArgumentException.class,
                () -> RpcPipeline.run(capture, failing, d -> { })));
        HandOff h = new HandOff(failing, 2, 2, 64);
        assertSame(bad, assertThrows(IllegalArgumentException.class,
                () -> twoThreads(capture, new Recorder(), h, RpcPipeline.Progress.NONE, Long.MAX_VALUE)));
    }

    /** Ctrl-C after frame N, as the command line's Interrupt answers it. */
    private static RpcPipeline.Progress stopAfter(long n) {
        return new RpcPipeline.Progress() {
            @Override
            public boolean update(long bytesRead, long frames) {
                return true;
            }

            @Override
            public boolean stopAfter(long frame) {
                return frame >= n;
            }
        };
    }

    @Test
    void aStopAfterFrameNOrACaptureCutAfterItGiveTheSameCallbacks() throws IOException {
        Path capture = TestCaptures.projectRoot().resolve("samples-pcap/v40-server-restart-grace.pcap");
        for (long n : new long[] {1, 2, 37, 100, 101, 200}) {
            Result one = oneThread(capture, new Recorder(), stopAfter(n), Long.MAX_VALUE);
            Recorder r = new Recorder();
            Result two = twoThreads(capture, r, new HandOff(r, 2, 3, 256), stopAfter(n), Long.MAX_VALUE);
            assertEquals(n, one.summary().frames());
            same(one.seen(), two.seen(), "stop after " + n);
            assertEquals(text(one.summary()), text(two.summary()));

            Result cutOne = oneThread(capture, new Recorder(), RpcPipeline.Progress.NONE, n);
            Recorder c = new Recorder();
            Result cutTwo = twoThreads(capture, c, new HandOff(c, 2, 3, 256), RpcPipeline.Progress.NONE, n);
            same(cutOne.seen(), cutTwo.seen(), "until " + n);
            assertEquals(text(cutOne.summary()), text(cutTwo.summary()));
        }
    }
}
