package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.testing.TestCaptures;

/** design.md's exit codes, command by command: 0, 1 at or above --fail-on, 2 for usage or unreadable input. */
class ExitCodeTest {
    private static final List<String> CAPTURE_COMMANDS = List.of("analyze", "check", "dump");

    @TempDir
    Path dir;

    private static String sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name).toString();
    }

    /** One line (plus picocli's "Try ... --help" hint for usage errors), never a stack trace. */
    private static void assertShortError(CliRun run, String mentions) {
        assertEquals(ExitCode.USAGE_OR_INPUT, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(mentions), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertTrue(run.err().lines().count() <= 2, run.err());
        assertTrue(run.err().startsWith("nfslockscope: "), run.err());
    }

    @Test
    void missingFileIsTwoForEveryCommand() {
        for (String cmd : CAPTURE_COMMANDS) {
            assertShortError(CliRun.of(cmd, dir.resolve("missing.pcap").toString()), "missing.pcap: no such file");
        }
    }

    @Test
    void randomBytesAreTwoForEveryCommand() throws IOException {
        String junk = TestFiles.randomBytes(dir).toString();
        for (String cmd : CAPTURE_COMMANDS) {
            assertShortError(CliRun.of(cmd, junk), "random.pcap");
        }
    }

    @Test
    void directoryIsTwoForEveryCommand() {
        for (String cmd : CAPTURE_COMMANDS) {
            assertShortError(CliRun.of(cmd, dir.toString()), "is a directory");
        }
    }

    @Test
    void badOptionIsTwoForEveryCommand() {
        String cap = sample("v41-single.pcap");
        for (String cmd : List.of("analyze", "check", "dump", "findings")) {
            CliRun run = cmd.equals("findings") ? CliRun.of(cmd, "--bogus") : CliRun.of(cmd, "--bogus", cap);
            assertShortError(run, "--bogus");
            assertTrue(run.err().contains("nfslockscope " + cmd + " --help"), run.err());
        }
        assertShortError(CliRun.of("analyze", "--color=sometimes", cap), "--color");
        assertShortError(CliRun.of("check", "--format", "html", cap), "--format");
        assertShortError(CliRun.of("findings", "--format", "pdf"), "--format");
        assertShortError(CliRun.of("check", "--lease", "0", cap), "--lease");
        assertShortError(CliRun.of("analyze", "--grace", "-5", cap), "--grace");
        assertShortError(CliRun.of("check", "--since", "yesterday", cap), "--since");
    }

    @Test
    void unwritableOutputIsTwoForEveryCommand() {
        String out = dir.resolve("no-such-dir").resolve("out").toString();
        String cap = sample("v41-single.pcap");
        assertShortError(CliRun.of("analyze", "-o", out, cap), "no-such-dir");
        assertShortError(CliRun.of("check", "-o", out, cap), "no-such-dir");
        assertShortError(CliRun.of("dump", "-o", out, cap), "no-such-dir");
        assertShortError(CliRun.of("findings", "-o", out), "no-such-dir");
    }

    @Test
    void cleanCaptureIsZeroForEveryCommand() {
        String cap = sample("v41-single.pcap");
        for (String cmd : CAPTURE_COMMANDS) {
            CliRun run = CliRun.of(cmd, cap);
            assertEquals(ExitCode.OK, run.exit(), cmd + ": " + run.err());
        }
        assertEquals(ExitCode.OK, CliRun.of("findings").exit());
    }

    @Test
    void findingsAtOrAboveFailOnAreOne() {
        // One error (V40-SEQID-REPLAY-MISMATCH), two warnings, infos.
        String cap = sample("v40-server-restart-grace.pcap");
        for (String cmd : List.of("analyze", "check")) {
            assertEquals(ExitCode.FINDINGS, CliRun.of(cmd, cap).exit(), cmd);
            assertEquals(ExitCode.FINDINGS, CliRun.of(cmd, "--fail-on", "info", cap).exit(), cmd);
            assertEquals(ExitCode.OK, CliRun.of(cmd, "--ignore", "V40-SEQID-REPLAY-MISMATCH", cap).exit(), cmd);
            assertEquals(ExitCode.FINDINGS, CliRun.of(cmd, "--ignore", "V40-SEQID-REPLAY-MISMATCH",
                    "--fail-on", "warning", cap).exit(), cmd);
            assertEquals(ExitCode.OK, CliRun.of(cmd, "--since", "184", cap).exit(), cmd + ": nothing after frame 183");
        }
    }

    @Test
    void unknownIgnoredIdIsAUsageErrorNamingIt() {
        for (String cmd : List.of("analyze", "check")) {
            assertShortError(CliRun.of(cmd, "--ignore", "X-DOUBLE-GRANT", "--ignore", "V40-TYPO",
                    sample("v41-single.pcap")), "unknown finding id 'V40-TYPO'");
        }
    }
}
