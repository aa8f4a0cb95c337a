package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.FrameDamage;
import org.nfslockscope.testing.FrameFile;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.TestCaptures;
import picocli.CommandLine;

/** --threads 2 prints, byte for byte, what --threads 1 prints, and exits the same. */
class ThreadsTest {
    @TempDir
    static Path dir;

    /** The commands the two-thread pass serves, in the formats that carry everything the analysis found. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("analyze", "--format", "json"),
            List.of("analyze", "--format", "jsonl"),
            List.of("check", "--format", "sarif"));

    private static void sameOnBothThreadCounts(Path capture, List<String> command, String... more) {
        List<String> one = new ArrayList<>(command);
        one.addAll(List.of(more));
        one.addAll(List.of("--threads", "1", capture.toString()));
        List<String> two = new ArrayList<>(command);
        two.addAll(List.of(more));
        two.addAll(List.of("--threads", "2", capture.toString()));
        CliRun a = CliRun.of(one.toArray(String[]::new));
        CliRun b = CliRun.of(two.toArray(String[]::new));
        String what = TestCaptures.label(capture) + " " + command + " " + List.of(more);
        assertTrue(a.exit() == 0 || a.exit() == 1, what + " exits " + a.exit() + ": " + a.err());
        assertEquals(a.exit(), b.exit(), what);
        assertEquals(a.out(), b.out(), what);
        assertEquals(a.err(), b.err(), what);
    }

    static Stream<Path> captures() {
        return TestCaptures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyRealCaptureGivesTheSameOutputOnTwoThreads(Path capture) {
        // bzip2 in Java is slow: a compressed capture is read compressed once, then decompressed.
        Path plain = TestCaptures.uncompressed(capture);
        for (List<String> command : COMMANDS) {
            sameOnBothThreadCounts(command == COMMANDS.get(0) ? capture : plain, command);
        }
    }

    /** The first frames of each project capture, with each kind of frame damage. */
    static Stream<Path> damaged() throws IOException {
        List<Path> out = new ArrayList<>();
        Path root = TestCaptures.projectRoot().resolve("samples-pcap");
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pcap")).sorted().toList()) {
                List<FrameFile.Packet> frames = FrameFile.read(p, 1500);
                for (FrameDamage d : FrameDamage.values()) {
                    Path f = dir.resolve(d.label() + "-" + p.getFileName());
                    Files.write(f, FrameFile.write(d.at(frames, 3).frames()).bytes());
                    out.add(f);
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("damaged")
    void aDamagedCaptureGivesTheSameOutputOnTwoThreads(Path capture) {
        for (List<String> command : COMMANDS) {
            sameOnBothThreadCounts(capture, command);
        }
    }

    /** NFSv4 traffic whose WRITE-sized records (3 MiB) are larger than a batch's arena. */
    @Test
    void recordsLargerThanABatchGiveTheSameOutput() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(CaptureBuilder.DEFAULT_START_NANOS);
        Host c = b.host("10.0.0.2");
        Host s = b.host("10.0.0.1");
        TcpFlow flow = b.tcp(c, 800, s, 2049).handshake();
        for (int i = 0; i < 6; i++) {
            flow.call(Rpc.call(100 + i, Programs.NFS, 4, 1).authSys("client", 0, 0)
                    .body(i % 2 == 0 ? 3 << 20 : 300, i));
            flow.reply(Rpc.reply(100 + i).body(i == 3 ? (5 << 19) : 120, i));
        }
        flow.close();
        Path capture = b.write(dir.resolve("big-records.pcap"));
        assertTrue(Files.size(capture) > 2L * org.nfslockscope.pipeline.HandOff.DEFAULT_ARENA_BYTES);
        for (List<String> command : COMMANDS) {
            sameOnBothThreadCounts(capture, command);
        }
    }

    private static String sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name).toString();
    }

    /** Ctrl-C after frame N: the same report of frames 1..N, the same exit code 130. */
    @Test
    void anInterruptedPassReportsTheSameFrames() {
        for (long frame : new long[] {1, 50, 100, 213}) {
            List<CliRun> runs = new ArrayList<>();
            for (String threads : new String[] {"1", "2"}) {
                for (List<String> command : List.of(List.of("analyze"), List.of("analyze", "--format", "json"),
                        List.of("analyze", "--format", "jsonl"), List.of("check", "--format", "sarif"))) {
                    CommandLine.IFactory factory = new CommandLine.IFactory() {
                        @Override
                        public <K> K create(Class<K> cls) throws Exception {
                            K made = CommandLine.defaultFactory().create(cls);
                            if (made instanceof AnalyzeCommand a) {
                                a.interrupt = Interrupt.afterFrame(frame);
                            } else if (made instanceof CheckCommand c) {
                                c.interrupt = Interrupt.afterFrame(frame);
                            }
                            return made;
                        }
                    };
                    List<String> args = new ArrayList<>(command);
                    args.addAll(List.of("--threads", threads, sample("v40-server-restart-grace.pcap")));
                    runs.add(CliRun.with(factory, args.toArray(String[]::new)));
                }
            }
            for (int i = 0; i < 4; i++) {
                CliRun one = runs.get(i);
                CliRun two = runs.get(i + 4);
                assertEquals(Interrupt.EXIT_CODE, one.exit(), one.err());
                assertEquals(one.exit(), two.exit());
                assertEquals(one.out(), two.out(), "after frame " + frame);
                assertEquals(one.err(), two.err());
            }
            assertTrue(runs.get(0).out().startsWith("INTERRUPTED after frame " + frame + ":"), runs.get(0).out());
        }
    }

    /** --at N (the capture read as if it ended after frame N) and a --file name learnt while reading. */
    @Test
    void theLockTableAtAFrameAndFileNamesAreTheSame() {
        String cap = sample("v40-server-restart-grace.pcap");
        for (String at : new String[] {"1", "60", "100", "150"}) {
            for (String format : new String[] {"text", "json"}) {
                CliRun one = CliRun.of("analyze", "--at", at, "--format", format, "--threads", "1", cap);
                CliRun two = CliRun.of("analyze", "--at", at, "--format", format, "--threads", "2", cap);
                assertEquals(0, one.exit(), one.err());
                assertEquals(one.exit(), two.exit());
                assertEquals(one.out(), two.out(), "--at " + at);
            }
        }
        for (Path p : TestCaptures.all()) {
            if (p.getFileName().toString().startsWith("v4")) {
                sameOnBothThreadCounts(p, List.of("analyze", "--format", "json"), "--file", "/x");
                sameOnBothThreadCounts(p, List.of("check", "--format", "sarif"), "--file", "...");
            }
        }
    }

    @Test
    void onlyOneOrTwoThreadsAreTaken() {
        CliRun run = CliRun.of("analyze", "--threads", "3", sample("v41-single.pcap"));
        assertEquals(ExitCode.USAGE_OR_INPUT, run.exit());
        assertTrue(run.err().contains("--threads takes 1 or 2, not 3"), run.err());
        assertTrue(CliRun.of("analyze", "--help").out().contains("--threads"));
        assertTrue(CliRun.of("check", "--help").out().contains("--threads"));
    }

    @Test
    void bigCapturesOnlyGetASecondThreadByDefault() throws IOException {
        Path small = Path.of(sample("v41-single.pcap"));
        assertEquals(1, CaptureInput.threadsFor(small, 0));
        assertEquals(2, CaptureInput.threadsFor(small, 2));
        Path big = dir.resolve("big.pcap");
        Files.copy(small, big);
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(CaptureInput.TWO_THREADS_FROM_BYTES); // sparse: only the size is asked for
        }
        assertEquals(1, CaptureInput.threadsFor(big, 1));
        assertEquals(2, CaptureInput.threadsFor(big, 2));
    }

    /** The last argument: processors' worth of time other processes use. */
    @Test
    void theSecondThreadIsTakenOnlyWhenAProcessorIsFree() {
        long big = CaptureInput.TWO_THREADS_FROM_BYTES;
        assertEquals(2, CaptureInput.threadsFor(big, false, 2, 0.0));
        assertEquals(2, CaptureInput.threadsFor(big, false, 2, 0.5));
        assertEquals(2, CaptureInput.threadsFor(big, false, 2, -1));
        assertEquals(1, CaptureInput.threadsFor(big, false, 2, 0.7));
        assertEquals(2, CaptureInput.threadsFor(big, false, 8, 6.0));
        assertEquals(1, CaptureInput.threadsFor(big, false, 8, 7.0));
        assertEquals(1, CaptureInput.threadsFor(big, false, 1, 0.0));
        assertEquals(1, CaptureInput.threadsFor(big - 1, false, 2, 0.0));
        assertEquals(1, CaptureInput.threadsFor(big, true, 2, 0.0));
    }

    /** /proc's counters: the busy ticks of all processors less this process's own. */
    @Test
    void otherProcessesUseIsTheSystemsBusyTimeLessOurs() {
        String self = "4242 (java (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 %d %d 0 0 20 0 19 0 100 1 1";
        long[] before = ProcessorUse.parse("cpu  1000 0 500 8000 500 0 0 0 0 0", String.format(self, 300, 100));
        long[] after = ProcessorUse.parse("cpu  1150 0 550 8100 500 0 0 0 0 0", String.format(self, 400, 120));
        assertEquals(10_000, before[0]);
        assertEquals(8_500, before[1]);
        assertEquals(400, before[2]);
        // 300 ticks in all, 200 of them busy, 120 of those ours: 80 / 300 of two processors
        assertEquals(80.0 / 300 * 2, ProcessorUse.others(before, after, 2), 1e-9);
        assertEquals(-1, ProcessorUse.others(after, after, 2), "no ticks passed");
        assertTrue(ProcessorUse.others(Runtime.getRuntime().availableProcessors()) >= -1);
    }

    @Test
    void bulkDataCapturesStayOnOneThread() throws IOException {
        long big = CaptureInput.TWO_THREADS_FROM_BYTES;
        assertEquals(1, CaptureInput.threadsFor(big, true, 2, 0.0));
        assertEquals(1, CaptureInput.threadsFor(big << 4, true, 8, -1));
        // WRITE-sized records: full-sized segments.
        Path writes = writes(dir.resolve("writes.pcap"), 64 << 10, 60);
        assertTrue(CaptureInput.bulk(writes));
        // Lock traffic: frames of a few hundred bytes.
        for (Path p : TestCaptures.all()) {
            if (p.getFileName().toString().endsWith(".pcap")) {
                assertFalse(CaptureInput.bulk(p), p.toString());
            }
        }
        // Small calls among the WRITEs: the frames' average decides, not the largest record.
        assertFalse(CaptureInput.bulk(writes(dir.resolve("mixed.pcap"), 600, 60)));
        // Not a capture: no; the pass says why.
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a capture");
        assertFalse(CaptureInput.bulk(text));
        assertFalse(CaptureInput.bulk(dir.resolve("missing.pcap")));
    }

    /** NFSv4 COMPOUNDs of {@code bytes} of arguments each, every reply small. */
    private static Path writes(Path to, int bytes, int calls) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(CaptureBuilder.DEFAULT_START_NANOS);
        Host c = b.host("10.0.0.2");
        Host s = b.host("10.0.0.1");
        TcpFlow flow = b.tcp(c, 801, s, 2049).handshake();
        for (int i = 0; i < calls; i++) {
            flow.call(Rpc.call(200 + i, Programs.NFS, 4, 1).authSys("client", 0, 0).body(bytes, i));
            flow.reply(Rpc.reply(200 + i).body(80, i));
        }
        flow.close();
        return b.write(to);
    }

    /** A listener that fails the way a bug in the analysis would. */
    private static final class Failing implements RpcListener {
        final RuntimeException exception;
        final Error error;
        int messages;

        Failing(RuntimeException exception, Error error) {
            this.exception = exception;
            this.error = error;
        }

        @Override
        public void onMessage(RpcEvent event) {
            if (++messages == 7) {
                if (exception != null) {
                    throw exception;
                }
                throw error;
            }
        }
    }

    private static CaptureInput.Control threads(int n) {
        return CaptureInput.Control.quiet(new Interrupt()).threads(n);
    }

    @Test
    void anExceptionInTheAnalysisEndsAsTheSameDiagnostic() {
        Path cap = Path.of(sample("nlm-basic-contention-granted.pcap"));
        IllegalStateException bug = new IllegalStateException("analysis bug");
        CaptureInput.Pass one = CaptureInput.run(cap, new Failing(bug, null), threads(1));
        CaptureInput.Pass two = CaptureInput.run(cap, new Failing(bug, null), threads(2));
        List<String> a = one.diagnostics().kept().stream().map(Diagnostic::toString)
                .filter(d -> d.contains("internal error")).toList();
        assertEquals(1, a.size());
        assertEquals(a, two.diagnostics().kept().stream().map(Diagnostic::toString)
                .filter(d -> d.contains("internal error")).toList());
        assertEquals(one.failed(), two.failed());
    }

    @Test
    void anErrorInTheAnalysisIsThrownAsOnOneThreadAndNothingHangs() {
        Path cap = Path.of(sample("nlm-basic-contention-granted.pcap"));
        OutOfMemoryError oom = new OutOfMemoryError("analysis");
        assertSame(oom, assertThrows(OutOfMemoryError.class,
                () -> CaptureInput.run(cap, new Failing(null, oom), threads(1))));
        assertSame(oom, assertThrows(OutOfMemoryError.class,
                () -> CaptureInput.run(cap, new Failing(null, oom), threads(2))));
        // The pass after it runs as ever: no thread or batch was left behind in a bad state.
        CaptureInput.Pass after = CaptureInput.run(cap, e -> { }, threads(2));
        assertTrue(after.summary().frames() > 0);
    }
}
