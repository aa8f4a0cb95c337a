package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nfslockscope.testing.TestCaptures;

/** Colour on a terminal and not in a pipe; the progress bar on stderr. */
class DisplayTest {
    private static final String ESC = "\u001b[";

    private static String sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name).toString();
    }

    @Test
    void colourFollowsTheTerminalNoColorAndTheOptions() {
        DisplayOptions.When auto = DisplayOptions.When.auto;
        assertTrue(DisplayOptions.colour(auto, false, Map.of(), true));
        assertFalse(DisplayOptions.colour(auto, false, Map.of(), false), "piped: no colour");
        assertFalse(DisplayOptions.colour(auto, false, Map.of("NO_COLOR", "1"), true));
        assertTrue(DisplayOptions.colour(auto, false, Map.of("NO_COLOR", ""), true), "empty NO_COLOR is unset");
        assertFalse(DisplayOptions.colour(auto, false, Map.of("TERM", "dumb"), true));
        assertFalse(DisplayOptions.colour(auto, true, Map.of(), true), "--no-color");
        assertFalse(DisplayOptions.colour(DisplayOptions.When.never, false, Map.of(), true));
        assertTrue(DisplayOptions.colour(DisplayOptions.When.always, false, Map.of("NO_COLOR", "1"), false),
                "--color=always forces it");
        assertFalse(DisplayOptions.colour(DisplayOptions.When.always, true, Map.of(), true), "--no-color wins");
    }

    @Test
    void terminalDevicesAreRecognised() {
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertFalse(Terminal.isTerminalDevice("pipe:[12345]"));
        assertFalse(Terminal.isTerminalDevice("/tmp/err.log"));
        assertFalse(Terminal.stdoutIsTerminal(), "the test JVM's output is not a terminal");
    }

    @Test
    void reportIsPlainWhenPipedAndColouredWhenForced() {
        String cap = sample("v40-server-restart-grace.pcap");
        CliRun piped = CliRun.of("analyze", cap);
        assertFalse(piped.out().contains(ESC), piped.out());
        CliRun forced = CliRun.of("analyze", "--color=always", cap);
        assertTrue(forced.out().contains(ESC + "1;31mERROR" + ESC + "0m"), forced.out());
        assertTrue(forced.out().contains("frame " + ESC + "36m183" + ESC + "0m"), forced.out());
        assertTrue(CliRun.of("analyze", "--color", cap).out().contains(ESC), "bare --color means always");
        assertTrue(CliRun.of("analyze", cap, "--color").out().contains(ESC), "also last");
        assertFalse(CliRun.of("analyze", "--color", "never", cap).out().contains(ESC));
        assertFalse(CliRun.of("analyze", "--color=always", "--no-color", cap).out().contains(ESC));
        // Without the escapes the coloured report is the plain one, character for character.
        assertEquals(piped.out(), forced.out().replaceAll("\u001b\\[[0-9;]*m", ""));
        CliRun check = CliRun.of("check", "--color=always", cap);
        assertTrue(check.out().startsWith(ESC + "1;31mFAIL" + ESC + "0m "), check.out());
        assertFalse(CliRun.of("check", "--color=always", "--format", "json", cap).out().contains(ESC),
                "colour is for text only");
    }

    @Test
    void progressOnlyWhenAskedOrOnATerminal() {
        String cap = sample("nlm-basic-contention-granted.pcap");
        CliRun quiet = CliRun.of("analyze", cap);
        assertEquals("", quiet.err(), "stderr is not a terminal in tests: no bar");
        CliRun forced = CliRun.of("analyze", "--progress", cap);
        String bar = forced.err();
        assertTrue(bar.startsWith("\rnlm-basic-contention-granted.pcap ["), bar);
        assertTrue(bar.contains("100%  22.7 kB / 22.7 kB") && bar.contains("/s  frame 144"), bar);
        assertTrue(bar.endsWith("\n"), "the bar is ended before anything else is printed");
        assertEquals(CliRun.of("analyze", cap).out(), forced.out(), "the report is unchanged");
        assertEquals("", CliRun.of("dump", "--no-progress", cap).err());
        assertTrue(CliRun.of("check", "--progress", cap).err().contains("100%"));
    }

    @Test
    void barShowsRateAndTimeLeft() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(sink, true, StandardCharsets.UTF_8), "big.pcap",
                100_000_000, now::get);
        now.set(2_000_000_000L);
        bar.update(25_000_000, 4096);
        String line = sink.toString(StandardCharsets.UTF_8);
        assertEquals("\rbig.pcap [######..................]  25%  25.0 MB / 100.0 MB  12.5 MB/s  frame 4096  ETA 0:06",
                line);
        now.set(2_050_000_000L);
        bar.update(30_000_000, 8192);
        assertEquals(line, sink.toString(StandardCharsets.UTF_8), "not redrawn within a tenth of a second");
        now.set(10_000_000_000L);
        bar.finish(true);
        String end = sink.toString(StandardCharsets.UTF_8).substring(line.length());
        assertEquals("\rbig.pcap [########################] 100%  100.0 MB / 100.0 MB  10.0 MB/s  frame 8192"
                + " ".repeat(9) + "\n", end, "padded over the longer line before");
        assertEquals("1:01:01", ProgressBar.duration(3661));

        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ProgressBar onTerminal = new ProgressBar(new PrintStream(screen, true, StandardCharsets.UTF_8), "b.pcap",
                100, now::get);
        onTerminal.eraseWhenDone();
        onTerminal.update(100, 7);
        onTerminal.finish(true);
        assertTrue(screen.toString(StandardCharsets.UTF_8).endsWith("frame 7\r\u001b[K"), "wiped: " + screen);
    }

    @Test
    void gzipBarCountsBytesOfTheCompressedFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path plain = java.nio.file.Path.of(sample("v40-server-restart-grace.pcap"));
        java.nio.file.Path gz = dir.resolve("c.pcap.gz");
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
            java.nio.file.Files.copy(plain, out);
        }
        long size = java.nio.file.Files.size(gz);
        CliRun run = CliRun.of("analyze", "--progress", gz.toString());
        assertEquals(ExitCode.FINDINGS, run.exit(), run.err());
        String kb = String.format(java.util.Locale.ROOT, "%.1f kB", size / 1e3);
        assertTrue(run.err().contains("100%  " + kb + " / " + kb), size + " bytes: " + run.err());
    }
}
