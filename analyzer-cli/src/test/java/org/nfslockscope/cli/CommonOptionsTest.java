package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.report.Schemas;
import org.nfslockscope.testing.TestCaptures;

/** The options analyze and check share mean the same thing in both, and every --help says so. */
class CommonOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRACE = TestCaptures.projectRoot().resolve("samples-pcap")
            .resolve("v40-server-restart-grace.pcap").toString();

    @TempDir
    Path dir;

    private static List<String> ids(JsonNode findings) {
        return java.util.stream.StreamSupport.stream(findings.spliterator(), false)
                .map(f -> f.get("id").asText() + "@" + f.get("frame").asLong()).toList();
    }

    /** The same options give the same findings, whether analyze reports them or check gates on them. */
    @Test
    void checkAndAnalyzeAgreeUnderEveryFilterAndThreshold() throws IOException {
        List<List<String>> variants = List.of(List.of(), List.of("--since", "170"), List.of("--until", "100"),
                List.of("--client", "10.9.9.9"), List.of("--file", "0xdeadbeef"),
                List.of("--ignore", "X-SERVER-RESTART", "--ignore", "V40-BAD-SEQID"),
                List.of("--grace", "1"), List.of("--lease", "5"));
        for (List<String> v : variants) {
            String[] a = concat(List.of("analyze", "--format", "json"), v);
            String[] c = concat(List.of("check", "--format", "json"), v);
            JsonNode analyzed = JSON.readTree(CliRun.of(a).out());
            JsonNode checked = JSON.readTree(CliRun.of(c).out());
            assertEquals(ids(analyzed.get("findings")), ids(checked.at("/captures/0/findings")), v.toString());
        }
        JsonNode ignored = JSON.readTree(CliRun.of("check", "--format", "json", "--ignore", "x-server-restart", GRACE).out());
        assertEquals("[\"X-SERVER-RESTART\"]", ignored.get("ignored").toString());
        assertFalse(ids(ignored.at("/captures/0/findings")).stream().anyMatch(s -> s.startsWith("X-SERVER-RESTART")));
    }

    /** --lease reaches check's analysis: with a 1 s lease, pynfs's pauses in st_lock outlive leases. */
    @Test
    void checkHonoursTheLease() throws IOException {
        Path shared = TestCaptures.sharedCapture("v40-pynfs-st_lock.pcap");
        org.junit.jupiter.api.Assumptions.assumeTrue(shared != null, "needs ../shared/captures");
        String cap = shared.toString();
        JsonNode usual = JSON.readTree(CliRun.of("check", "--format", "json", cap).out());
        JsonNode shortLease = JSON.readTree(CliRun.of("check", "--format", "json", "--lease", "1", cap).out());
        assertTrue(shortLease.at("/captures/0/findings").size() > usual.at("/captures/0/findings").size(),
                shortLease.toString());
        JsonNode analyzed = JSON.readTree(CliRun.of("analyze", "--format", "json", "--lease", "1", cap).out());
        assertEquals(ids(analyzed.get("findings")), ids(shortLease.at("/captures/0/findings")));
    }

    private static String[] concat(List<String> head, List<String> tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(tail);
        all.add(GRACE);
        return all.toArray(String[]::new);
    }

    /** Frame 45 opens /export/tmp/ownerA (CLAIM_NULL after two LOOKUPs); GETFH in 46 gives its handle. */
    @Test
    void fileTakesAPathAsWellAsAHandle() throws IOException {
        String fh = "0x4300000112446f8780aeffc2fc87010ea0160084359e7f";
        JsonNode byHandle = JSON.readTree(CliRun.of("analyze", "--format", "json", "--file", fh, GRACE).out());
        assertTrue(byHandle.get("findings").size() > 0 && byHandle.get("locksHeldAtEnd").size() == 1);
        for (String name : List.of("ownerA", "tmp/ownerA", "/tmp/ownerA", "/export/tmp/ownerA")) {
            JsonNode byName = JSON.readTree(CliRun.of("analyze", "--format", "json", "--file", name, GRACE).out());
            assertEquals(byHandle.get("findings"), byName.get("findings"), name);
            assertEquals(byHandle.get("locksHeldAtEnd"), byName.get("locksHeldAtEnd"), name);
            JsonNode checked = JSON.readTree(CliRun.of("check", "--format", "json", "--file", name, GRACE).out());
            assertEquals(ids(byHandle.get("findings")), ids(checked.at("/captures/0/findings")), name);
        }
        for (String other : List.of("wnerA", "MKFILE-1", "/other/ownerA")) {
            JsonNode none = JSON.readTree(CliRun.of("analyze", "--format", "json", "--file", other, GRACE).out());
            assertEquals(0, none.get("findings").size() + none.get("locksHeldAtEnd").size(), other);
        }
    }

    @Test
    void checkFormatsOnStandardOutput() throws IOException {
        CliRun json = CliRun.of("check", "--format", "json", "--fail-on", "warning", GRACE);
        assertEquals(ExitCode.FINDINGS, json.exit());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals("warning", doc.get("failOn").asText());
        assertEquals("fail", doc.at("/captures/0/status").asText());
        assertEquals(213, doc.at("/captures/0/frames").asLong());
        assertEquals(1, doc.at("/captures/0/findingsBySeverity/error").asLong());
        assertTrue(doc.at("/captures/0/failing").toString().contains("V4-RECLAIM-OUTSIDE-GRACE"), doc.toString());
        CliRun junit = CliRun.of("check", "--format", "junit", GRACE);
        Schemas.assertValidJunit(junit.out().getBytes(StandardCharsets.UTF_8));
        CliRun sarif = CliRun.of("check", "--format", "sarif", GRACE);
        Schemas.assertValidSarif(sarif.out().getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("s.sarif");
        CliRun toFile = CliRun.of("check", "--format", "sarif", "-o", file.toString(), GRACE);
        assertEquals("", toFile.out());
        assertEquals(sarif.out(), Files.readString(file));
        JsonNode unreadable = JSON.readTree(CliRun.of("check", "--format", "json", dir.resolve("none.pcap").toString()).out());
        assertEquals("unreadable", unreadable.at("/captures/0/status").asText());
    }

    @Test
    void everyHelpIsCompleteWithExitCodes() {
        Map<String, List<String>> expected = Map.of(
                "analyze", List.of("--format", "-o, --output", "--at", "--client", "--server", "--file", "--since",
                        "--until", "--ignore", "--lease", "--grace", "--fail-on", "--color", "--no-color",
                        "--[no-]progress", "    1  findings", "  130  interrupted"),
                "check", List.of("--format", "-o, --output", "--junit", "--sarif", "--client", "--server", "--file",
                        "--since", "--until", "--ignore", "--lease", "--grace", "--fail-on", "--color",
                        "--[no-]progress", "    1  findings", "  130  interrupted"),
                "dump", List.of("--format", "-o, --output", "--color", "--[no-]progress", "    0  ", "  130  interrupted"),
                "findings", List.of("--format", "-o, --output", "  0  "));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            CliRun help = CliRun.of(e.getKey(), "--help");
            assertEquals(0, help.exit());
            assertTrue(help.out().contains("\nExit codes:\n"), help.out());
            assertTrue(help.out().contains("2  usage error"), help.out());
            for (String s : e.getValue()) {
                assertTrue(help.out().contains(s), e.getKey() + ": " + s + " in\n" + help.out());
            }
            // Every option line is described: nothing ends at the option name.
            help.out().lines().filter(l -> l.startsWith("  -") || l.startsWith("      --"))
                    .forEach(l -> assertTrue(l.trim().contains("  "), "undescribed: " + l));
        }
        CliRun top = CliRun.of("--help");
        assertTrue(top.out().contains("130  interrupted"), top.out());
    }
}
