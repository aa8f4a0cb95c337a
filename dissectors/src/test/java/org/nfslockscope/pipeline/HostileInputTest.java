package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfslockscope.capture.NotACaptureException;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.PipelineRun;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

/**
 * Damaged files through the whole pipeline. Whatever the damage: nothing but
 * NotACaptureException escapes, no stage fails internally, every diagnostic names a frame, and
 * what came before the damage is still read.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    private int file;

    private static CaptureBuilder sample(boolean pcapng) {
        CaptureBuilder b;
        if (pcapng) {
            b = CaptureBuilder.pcapng().order(ByteOrder.LITTLE_ENDIAN);
            b.iface(Link.ethernet());
        } else {
            b = CaptureBuilder.pcap(Link.ethernet());
        }
        TcpFlow t = b.tcp(b.host("10.0.0.1"), 871, b.host("10.0.0.2"), 2049).handshake().mss(120);
        UdpFlow u = b.udp(b.host("10.0.0.1"), 900, b.host("10.0.0.2"), 2049);
        for (int i = 1; i <= 6; i++) {
            t.call(Rpc.call(i, 100003, 4, 1).authSys("client", 0, 0).body(40 * i, i));
            t.reply(Rpc.reply(i).body(16, i));
            u.send(Rpc.call(100 + i, 100021, 4, 2).body(24, i));
        }
        t.close();
        return b;
    }

    private Path write(byte[] bytes) {
        try {
            return Files.write(dir.resolve("h" + (file++)), bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the pipeline and checks the invariants that hold for any input; null for a non-capture. */
    private static PipelineRun runChecked(Path p) {
        PipelineRun r;
        try {
            r = PipelineRun.of(p);
        } catch (NotACaptureException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("escaped: " + e, e);
        }
        assertEquals(List.of(), r.internalErrors());
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(d.frame() > 0, "diagnostic without a frame: " + d);
            assertTrue(d.frame() <= r.summary().frames() + 1, "diagnostic past the last frame: " + d);
        }
        return r;
    }

    private static List<String> signature(List<RpcEvent> events, long upToFrame) {
        return events.stream().filter(e -> e.frame() <= upToFrame)
                .map(e -> e.frame() + ":" + (e.isCall() ? "call " : "reply ") + e.message().xid()).toList();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedAtEveryOffsetStillYieldsWhatCameBefore(boolean pcapng) {
        CaptureBuilder b = sample(pcapng);
        byte[] whole = b.bytes();
        PipelineRun full = runChecked(write(whole));
        assertEquals(18, full.events().size(), full.diagnostics().toString());
        for (int cut = 0; cut < whole.length; cut += (cut < 200 ? 1 : 7)) {
            PipelineRun r = runChecked(write(Arrays.copyOf(whole, cut)));
            int wholeFrames = 0;
            while (wholeFrames < b.frames() && (wholeFrames + 1 < b.frames() ? b.offsetOf(wholeFrames + 2) : whole.length) <= cut) {
                wholeFrames++;
            }
            if (r == null) {
                assertTrue(cut < 24, "only a cut header makes the file no capture: " + cut);
                continue;
            }
            assertEquals(signature(full.events(), wholeFrames), signature(r.events(), wholeFrames), "cut at " + cut);
            if (wholeFrames < b.frames() && cut > b.offsetOf(wholeFrames + 1)) {
                assertTrue(r.diagnostics().stream().anyMatch(d -> d.stage() == Diagnostic.Stage.CAPTURE),
                        "cut at " + cut + " inside frame " + (wholeFrames + 1) + " is reported");
            }
        }
    }

    private static void putInt(byte[] b, long at, int v, ByteOrder order) {
        ByteBuffer.wrap(b).order(order).putInt((int) at, v);
    }

    /** Overwrites a 32-bit field of frame 12's record or block and checks frames 1-11 still read as before. */
    private void assertEarlierFramesSurvive(boolean pcapng, int field, int value) {
        CaptureBuilder b = sample(pcapng);
        int frame = 12;
        byte[] bytes = b.bytes();
        putInt(bytes, b.offsetOf(frame) + field, value, pcapng ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        PipelineRun r = runChecked(write(bytes));
        PipelineRun full = runChecked(write(b.bytes()));
        assertEquals(signature(full.events(), frame - 1), signature(r.events(), frame - 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 0x7fffffff, 0xffffffff, 0x01000001, 65536})
    void damagedPcapCapturedLength(int value) {
        assertEarlierFramesSurvive(false, 8, value);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 12, 13, 31, 0x7fffffff, 0xffffffff, 0x01000000})
    void damagedPcapngBlockLength(int value) {
        assertEarlierFramesSurvive(true, 4, value);
    }

    /** Fields 8 and 20 of an enhanced packet block: interface id and captured length. */
    @ParameterizedTest
    @ValueSource(ints = {0, 0x7fffffff, 0xffffffff, -100})
    void damagedPcapngCapturedLengthAndInterface(int value) {
        assertEarlierFramesSurvive(true, 8, value);
        assertEarlierFramesSurvive(true, 20, value);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0x80000000, 0x7fffffff, 0xffffffff, 0x80000001, 3})
    void damagedRecordMarkBetweenRecords(int mark) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.raw());
        TcpFlow t = b.tcp(b.host("10.0.0.1"), 871, b.host("10.0.0.2"), 2049).handshake();
        t.call(Rpc.call(1, 100003, 4, 1).authSys("c", 0, 0).body(40, 1));
        t.client().queue(ByteBuffer.allocate(4).putInt(mark).array()).flush();
        t.call(Rpc.call(2, 100003, 4, 1).authSys("c", 0, 0).body(40, 2));
        t.call(Rpc.call(3, 100003, 4, 1).authSys("c", 0, 0).body(40, 3));
        PipelineRun r = runChecked(b.write(dir.resolve("m.pcap")));
        assertEquals(1, r.xids().get(0));
        assertTrue(r.xids().contains(3), "back in step for the record after next: " + r.xids() + r.diagnostics());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 0x7ffffff0, 0xfffffff0, 1000, 0})
    void hostileCredentialLength(int length) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.raw());
        TcpFlow t = b.tcp(b.host("10.0.0.1"), 871, b.host("10.0.0.2"), 2049).handshake();
        UdpFlow u = b.udp(b.host("10.0.0.1"), 900, b.host("10.0.0.2"), 2049);
        byte[] call = Rpc.call(7, 100003, 4, 1).authSys("client", 0, 0).body(40, 1).message();
        putInt(call, 28, length, ByteOrder.BIG_ENDIAN);
        t.client().queue(Rpc.raw(call).record()).flush();
        t.call(Rpc.call(8, 100003, 4, 1).body(40, 2));
        u.send(Rpc.raw(call));
        u.send(Rpc.call(9, 100021, 4, 1).body(40, 2));
        PipelineRun r = runChecked(b.write(dir.resolve("c.pcap")));
        assertTrue(r.xids().containsAll(List.of(8, 9)), r.xids().toString());
    }

    @Test
    void randomBytesAfterAValidHeader() {
        Random random = new Random(2026);
        byte[] pcapHeader = Arrays.copyOf(CaptureBuilder.pcap(Link.ethernet()).bytes(), 24);
        byte[] pcapngHeader;
        CaptureBuilder ng = CaptureBuilder.pcapng();
        ng.iface(Link.ethernet());
        pcapngHeader = ng.bytes();
        for (int round = 0; round < 300; round++) {
            byte[] header = round % 2 == 0 ? pcapHeader : pcapngHeader;
            byte[] junk = new byte[random.nextInt(4000)];
            random.nextBytes(junk);
            byte[] all = Arrays.copyOf(header, header.length + junk.length);
            System.arraycopy(junk, 0, all, header.length, junk.length);
            runChecked(write(all));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void randomlyCorruptedCapturesNeverBreakThePipeline(boolean pcapng) {
        Random random = new Random(pcapng ? 11 : 12);
        byte[] whole = sample(pcapng).bytes();
        for (int round = 0; round < 400; round++) {
            byte[] b = whole.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int at = 24 + random.nextInt(b.length - 24);
                b[at] = (byte) (random.nextInt(4) == 0 ? 0xff : random.nextInt(256));
            }
            runChecked(write(b));
        }
    }

    @Test
    void notACaptureAndEmptyFileAreRefusedAsSuch() {
        assertThrows(NotACaptureException.class, () -> PipelineRun.of(write(new byte[0])));
        assertThrows(NotACaptureException.class, () -> PipelineRun.of(write("GET / HTTP/1.1\r\n\r\n".getBytes())));
        byte[] random = new byte[5000];
        new Random(3).nextBytes(random);
        random[0] = 0;
        assertThrows(NotACaptureException.class, () -> PipelineRun.of(write(random)));
    }
}
