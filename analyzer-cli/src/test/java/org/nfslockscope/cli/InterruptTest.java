package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.testing.TestCaptures;
import picocli.CommandLine;

/** Ctrl-C: the pass stops at the next frame, the report says where, the exit code is 130. */
class InterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name).toString();
    }

    /** Runs with every command's stop requested once {@code frame} is read, as the SIGINT handler requests it. */
    private static CliRun stoppedAfter(long frame, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = CommandLine.defaultFactory().create(cls);
                if (made instanceof AnalyzeCommand a) {
                    a.interrupt = Interrupt.afterFrame(frame);
                } else if (made instanceof CheckCommand c) {
                    c.interrupt = Interrupt.afterFrame(frame);
                } else if (made instanceof DumpCommand d) {
                    d.interrupt = Interrupt.afterFrame(frame);
                }
                return made;
            }
        };
        return CliRun.with(factory, args);
    }

    @Test
    void analyzeReportsWhatWasFoundUpToTheFrame() {
        String cap = sample("v40-server-restart-grace.pcap");
        CliRun run = stoppedAfter(100, "analyze", cap);
        assertEquals(Interrupt.EXIT_CODE, run.exit(), run.err());
        assertTrue(run.out().startsWith("INTERRUPTED after frame 100: this report covers frames 1..100 only\n"),
                run.out());
        assertTrue(run.out().contains("(pcap, 100 frames,"), run.out());
        assertTrue(run.out().contains("X-SERVER-RESTART (1)"), "the restart at frame 86 was seen: " + run.out());
        assertTrue(run.out().contains("Locks held after frame 100:"), run.out());
        assertTrue(run.err().contains("nfslockscope: interrupted after frame 100; the report covers frames 1..100 only"),
                run.err());
    }

    @Test
    void analyzeJsonSaysInterrupted() throws IOException {
        String cap = sample("v40-server-restart-grace.pcap");
        CliRun run = stoppedAfter(100, "analyze", "--format", "json", cap);
        assertEquals(Interrupt.EXIT_CODE, run.exit(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(100, doc.at("/interrupted/frame").asLong());
        assertEquals(100, doc.at("/capture/frames").asLong());
        assertTrue(doc.get("findings").size() > 0);
        doc.get("findings").forEach(f -> f.get("frames").forEach(n -> assertTrue(n.asLong() <= 100, f.toString())));
        JsonNode whole = JSON.readTree(CliRun.of("analyze", "--format", "json", cap).out());
        assertTrue(whole.get("interrupted") == null, "a whole pass has no interrupted member");
    }

    @Test
    void jsonLinesEndWithAnInterruptedSummary() throws IOException {
        CliRun run = stoppedAfter(100, "analyze", "--format", "jsonl", sample("v40-server-restart-grace.pcap"));
        assertEquals(Interrupt.EXIT_CODE, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1)).get("summary");
        assertEquals(100, summary.get("frames").asLong());
        assertEquals(100, summary.at("/interrupted/frame").asLong());
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            assertTrue(n.has("summary") || n.get("frame").asLong() <= 100, l);
        }
    }

    @Test
    void lockTableAtALaterFrameSaysInterrupted() throws IOException {
        CliRun run = stoppedAfter(100, "analyze", "--format", "json", "--at", "150",
                sample("v40-server-restart-grace.pcap"));
        assertEquals(Interrupt.EXIT_CODE, run.exit(), run.err());
        assertEquals(100, JSON.readTree(run.out()).at("/interrupted/frame").asLong());
        CliRun before = stoppedAfter(100, "analyze", "--at", "50", sample("v40-server-restart-grace.pcap"));
        assertEquals(ExitCode.OK, before.exit(), "the table was complete before the stop: " + before.err());
    }

    @Test
    void checkStopsAndSkipsTheRest() throws IOException {
        Path junit = dir.resolve("j.xml");
        CliRun run = stoppedAfter(50, "check", "--junit", junit.toString(), sample("v41-single.pcap"),
                sample("nlm-basic-contention-granted.pcap"));
        assertEquals(Interrupt.EXIT_CODE, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("OK ") && lines.get(0).contains("50 frames")
                && lines.get(0).endsWith(" (INTERRUPTED after frame 50)"), lines.get(0));
        assertTrue(run.err().contains("interrupted after frame 50 of ") && run.err().contains("1 of 2 captures not checked"),
                run.err());
        org.nfslockscope.report.Schemas.assertValidJunit(Files.readAllBytes(junit));
        JsonNode doc = JSON.readTree(stoppedAfter(50, "check", "--format", "json", sample("v41-single.pcap")).out());
        assertEquals(50, doc.at("/interrupted/frame").asLong());
        assertEquals(50, doc.at("/captures/0/frames").asLong());
    }

    @Test
    void dumpStopsAtTheFrame() throws IOException {
        CliRun run = stoppedAfter(60, "dump", "--format", "jsonl", sample("v40-single-pynfs.pcap"));
        assertEquals(Interrupt.EXIT_CODE, run.exit(), run.err());
        List<String> lines = run.out().lines().filter(l -> !l.isBlank()).toList();
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        assertTrue(last.get("frame").asLong() <= 60, last.toString());
        long whole = CliRun.of("dump", "--format", "jsonl", sample("v40-single-pynfs.pcap")).out().lines()
                .filter(l -> !l.isBlank()).count();
        assertTrue(lines.size() < whole, lines.size() + " of " + whole);
        assertTrue(run.err().contains("interrupted after frame 60"), run.err());
    }

    /**
     * A capture that takes seconds to read: the records of a sample repeated, gzip-compressed.
     * Its size only gives the signal time to arrive; nothing below waits on a clock.
     */
    private Path bigCapture() throws IOException {
        byte[] sample = Files.readAllBytes(Path.of(sample("nlm-basic-contention-granted.pcap")));
        Path big = dir.resolve("big.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(big), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(sample, 0, 24);
            for (int i = 0; i < 3000; i++) {
                out.write(sample, 24, sample.length - 24);
            }
        }
        return big;
    }

    @Test
    void realSigintPrintsThePartialReport() throws Exception {
        Path big = bigCapture();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "analyze", "--progress", big.toString())
                .redirectOutput(out.toFile()).start();
        try {
            assumeFalse(sigintIgnored(p.pid()), "SIGINT is ignored in this environment, as in a background job");
            InputStream err = p.getErrorStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            // Signal only once the pass is under way: the first progress line names a frame.
            while (!seen.toString(StandardCharsets.UTF_8).contains(" frame ")) {
                int b = err.read();
                if (b < 0) {
                    break;
                }
                seen.write(b);
            }
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor());
            seen.write(err.readAllBytes());
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the process ends");
            String stderr = seen.toString(StandardCharsets.UTF_8);
            String report = Files.readString(out);
            assertEquals(Interrupt.EXIT_CODE, p.exitValue(), stderr + report);
            Matcher m = Pattern.compile("^INTERRUPTED after frame (\\d+): ").matcher(report);
            assertTrue(m.find(), report);
            long frame = Long.parseLong(m.group(1));
            assertTrue(frame >= 4096 && frame < 3000L * 144, "stopped after frame " + frame);
            assertTrue(report.contains("(pcap, " + frame + " frames,"), report);
            assertTrue(stderr.contains("nfslockscope: interrupted after frame " + frame), stderr);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Bit 2 of SigIgn in /proc/PID/status is SIGINT; the JVM cannot catch a signal it inherited as ignored. */
    private static boolean sigintIgnored(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
