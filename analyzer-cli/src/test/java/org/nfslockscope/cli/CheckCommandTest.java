package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.report.CaptureAnalyzer;
import org.nfslockscope.report.CaptureResult;
import org.nfslockscope.report.FindingsReference;
import org.nfslockscope.report.ReportFixtures;
import org.nfslockscope.report.Schemas;
import org.nfslockscope.report.UnreadableCaptureException;
import org.nfslockscope.testing.TestCaptures;
import picocli.CommandLine;

class CheckCommandTest {
    @TempDir
    Path dir;

    private static String sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name).toString();
    }

    /** check with an analyzer that reports the fixture findings (one error per kind, one warning). */
    private static CliRun checkWithFindings(String... args) {
        CaptureAnalyzer stub = capture -> {
            if (capture.toString().contains("missing")) {
                throw new UnreadableCaptureException(capture + ": no such file");
            }
            return ReportFixtures.withFindings(capture);
        };
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == CheckCommand.class ? cls.cast(new CheckCommand(stub)) : CommandLine.defaultFactory().create(cls);
            }
        };
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.with(factory, all);
    }

    private static void assertOneLineNoStackTrace(String err) {
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    @Test
    void cleanSamplesPass() {
        CliRun run = CliRun.of("check", sample("v41-single.pcap"), sample("nlm-basic-contention-granted.pcap"));
        assertEquals(ExitCode.OK, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("OK ") && lines.get(0).contains("v41-single.pcap: pcap, 124 frames"), lines.get(0));
    }

    @Test
    void missingAndRandomFilesExitTwoAfterTheOthers(@TempDir Path tmp) throws IOException {
        Path random = TestFiles.randomBytes(tmp);
        Path junit = tmp.resolve("junit.xml");
        CliRun run = CliRun.of("check", "--junit", junit.toString(), tmp.resolve("missing.pcap").toString(),
                random.toString(), sample("v40-single-pynfs.pcap"));
        assertEquals(ExitCode.USAGE_OR_INPUT, run.exit());
        assertOneLineNoStackTrace(run.err());
        assertTrue(run.err().contains("missing.pcap: no such file"), run.err());
        assertTrue(run.err().contains("random.pcap: "), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("UNREADABLE ") && lines.get(1).startsWith("UNREADABLE "), run.out());
        assertTrue(lines.get(2).startsWith("OK "), "the readable capture after them is still checked");
        byte[] xml = Files.readAllBytes(junit);
        Schemas.assertValidJunit(xml);
        assertTrue(new String(xml, StandardCharsets.UTF_8).contains("errors=\"2\""));
    }

    @Test
    void findingsAtOrAboveFailOnExitOne() {
        assertEquals(ExitCode.FINDINGS, checkWithFindings("a.pcap").exit(), "the fixtures hold errors");
        CliRun ignored = checkWithFindings("--ignore", "X-DOUBLE-GRANT", "--ignore", "v41-false-retry", "a.pcap");
        assertEquals(ExitCode.OK, ignored.exit(), ignored.err());
        assertTrue(ignored.out().startsWith("OK a.pcap: pcapng, 400 frames, 1 diagnostics; 1 finding (1 warning)"), ignored.out());
        CliRun warning = checkWithFindings("--fail-on", "warning", "--ignore", "X-DOUBLE-GRANT",
                "--ignore", "V41-FALSE-RETRY", "a.pcap");
        assertEquals(ExitCode.FINDINGS, warning.exit());
        assertTrue(warning.out().contains("failing: V40-SEQID-GAP"), warning.out());
        CliRun both = checkWithFindings("a.pcap", "missing.pcap");
        assertEquals(ExitCode.USAGE_OR_INPUT, both.exit(), "unreadable input wins over findings");
    }

    @Test
    void writesValidReports() throws IOException {
        Path junit = dir.resolve("out.xml");
        Path sarif = dir.resolve("out.sarif");
        CliRun run = checkWithFindings("--junit", junit.toString(), "--sarif", sarif.toString(), "a.pcap", "b.pcap");
        assertEquals(ExitCode.FINDINGS, run.exit(), run.err());
        assertTrue(run.out().contains("FAIL a.pcap: pcapng, 400 frames, 1 diagnostics; 3 findings (2 error, 1 warning); "
                + "failing: X-DOUBLE-GRANT, V41-FALSE-RETRY"), run.out());
        Schemas.assertValidJunit(Files.readAllBytes(junit));
        Schemas.assertValidSarif(Files.readAllBytes(sarif));
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun unknown = checkWithFindings("--ignore", "V40-NO-SUCH-THING", "a.pcap");
        assertEquals(ExitCode.USAGE_OR_INPUT, unknown.exit());
        assertTrue(unknown.err().contains("unknown finding id 'V40-NO-SUCH-THING'"), unknown.err());
        CliRun badSeverity = checkWithFindings("--fail-on", "fatal", "a.pcap");
        assertEquals(ExitCode.USAGE_OR_INPUT, badSeverity.exit());
        assertTrue(badSeverity.err().contains("--fail-on"), badSeverity.err());
        assertEquals(ExitCode.USAGE_OR_INPUT, checkWithFindings().exit(), "a capture is required");
    }

    @Test
    void helpDocumentsTheGate() {
        CliRun help = CliRun.of("check", "--help");
        assertEquals(0, help.exit());
        for (String s : List.of("--fail-on", "--junit", "--sarif", "--ignore", "Exit codes", "skipped")) {
            assertTrue(help.out().contains(s), s + " in\n" + help.out());
        }
        assertTrue(CliRun.of("--help").out().contains("check"));
    }

    @Test
    void findingsCommandListsTheCatalogAndPrintsTheReference() {
        CliRun list = CliRun.of("findings");
        assertEquals(0, list.exit());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("V40-SEQID-GAP +warning +checked +owner seqid skipped.*")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("NLM-DUP-CALLER +error +checked +.*")), list.out());
        CliRun md = CliRun.of("findings", "--format", "markdown");
        assertEquals(FindingsReference.markdown(), md.out());
    }

    @Test
    void standardAnalyzerRunsTheLockView() throws Exception {
        CaptureResult clean = Analyzers.standard().analyze(Path.of(sample("v40-single-pynfs.pcap")));
        assertEquals("pcap", clean.format());
        assertEquals(82, clean.frames());
        assertTrue(clean.findings().isEmpty(), clean.findings().toString());
        assertTrue(clean.checked().contains(org.nfslockscope.findings.FindingType.X_DOUBLE_GRANT));
        CaptureResult restart = Analyzers.standard().analyze(Path.of(sample("v40-server-restart-grace.pcap")));
        assertTrue(restart.findings().stream().anyMatch(f -> f.id().equals("V4-RECLAIM-OUTSIDE-GRACE")
                && f.frames().contains(180L)), restart.findings().toString());
    }

    @Test
    void realFindingsAtOrAboveFailOnExitOne(@TempDir Path tmp) throws IOException {
        Path sarif = tmp.resolve("s.sarif");
        CliRun run = CliRun.of("check", "--fail-on", "warning", "--sarif", sarif.toString(),
                sample("v40-server-restart-grace.pcap"));
        assertEquals(ExitCode.FINDINGS, run.exit(), run.out() + run.err());
        assertTrue(Files.readString(sarif).contains("V4-RECLAIM-OUTSIDE-GRACE"));
    }
}
