package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.testing.TestCaptures;

/** {@code analyze --format jsonl} and {@code --format html} on the sample captures, without a browser. */
class AnalyzeStreamFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name);
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : out.split("\n")) {
            nodes.add(JSON.readTree(l));
        }
        return nodes;
    }

    @Test
    void jsonLinesCarryEveryFindingOfTheDocumentAndTheLockEventsInFrameOrder() throws Exception {
        Path capture = sample("v40-server-restart-grace.pcap");
        CliRun jsonl = CliRun.of("analyze", "--format", "jsonl", capture.toString());
        CliRun json = CliRun.of("analyze", "--format", "json", capture.toString());
        assertEquals(json.exit(), jsonl.exit(), jsonl.err());
        List<JsonNode> lines = lines(jsonl.out());
        JsonNode last = lines.get(lines.size() - 1);
        assertTrue(last.has("summary"), "last line: " + last);
        JsonNode doc = JSON.readTree(json.out());
        List<String> fromDoc = new ArrayList<>();
        doc.get("findings").forEach(f -> fromDoc.add(f.toString()));
        List<String> fromLines = new ArrayList<>();
        long lastEventFrame = 0;
        List<String> kinds = new ArrayList<>();
        for (JsonNode n : lines.subList(0, lines.size() - 1)) {
            if (n.has("event")) {
                assertTrue(n.get("frame").asLong() >= lastEventFrame, "event out of order: " + n);
                lastEventFrame = n.get("frame").asLong();
                kinds.add(n.get("event").asText() + "@" + lastEventFrame);
            } else {
                assertTrue(n.has("id") && n.has("severity"), "neither finding nor event: " + n);
                fromLines.add(n.toString());
            }
        }
        assertEquals(fromDoc.stream().sorted().toList(), fromLines.stream().sorted().toList());
        assertEquals(doc.at("/summary/findings"), last.at("/summary/findings"));
        assertEquals(doc.get("locksHeldAtEnd").size(), last.at("/summary/locksHeldAtEnd").asInt());
        assertTrue(kinds.containsAll(List.of("lock-granted@50", "server-restarted@86", "grace-started@86",
                "reclaim@109", "grace-ended@174", "lock-denied@179", "reclaim@181")), kinds.toString());
    }

    @Test
    void jsonLinesApplyTheReportFilters() throws Exception {
        Path capture = sample("v40-server-restart-grace.pcap");
        CliRun r = CliRun.of("analyze", "--format", "jsonl", "--since", "170", capture.toString());
        List<JsonNode> lines = lines(r.out());
        assertTrue(lines.size() > 2, r.out());
        for (JsonNode n : lines.subList(0, lines.size() - 1)) {
            assertTrue(n.get("frame").asLong() >= 170, "before --since: " + n);
        }
        CliRun none = CliRun.of("analyze", "--format", "jsonl", "--client", "192.0.2.99", capture.toString());
        List<JsonNode> only = lines(none.out());
        for (JsonNode n : only.subList(0, only.size() - 1)) {
            // What concerns no client of its own (restart, grace) concerns every client of the server.
            assertTrue(n.has("event") && !n.has("owner"), "not filtered: " + n);
        }
    }

    @Test
    void atFrameIsOnlyForTextAndJson() {
        CliRun r = CliRun.of("analyze", "--format", "jsonl", "--at", "50", sample("v40-single-pynfs.pcap").toString());
        assertEquals(ExitCode.USAGE_OR_INPUT, r.exit());
        assertTrue(r.err().contains("--at"), r.err());
    }

    @Test
    void htmlPageIsOneSelfContainedFileWithItsDataEmbedded(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("t.html");
        CliRun r = CliRun.of("analyze", "--format", "html", "-o", html.toString(),
                sample("nlm-basic-contention-granted.pcap").toString());
        assertEquals(0, r.exit(), r.err());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        // Nothing is fetched: no external script, style, font or image, and a policy that forbids it.
        assertFalse(page.matches("(?s).*<(script|link|img)[^>]*(src|href)=.*"), "external reference in the page");
        assertFalse(page.contains("http://") || page.contains("https://"), "network address in the page");
        assertTrue(page.contains("default-src 'none'"));
        int start = page.indexOf("<script type=\"application/json\" id=\"data\">");
        int end = page.indexOf("</script>", start);
        JsonNode data = JSON.readTree(page.substring(page.indexOf('>', start) + 1, end));
        assertEquals(1, data.get("lanes").size(), data.get("lanes").toString());
        assertTrue(data.get("waits").size() >= 2, "the two blocked requests: " + data.get("waits"));
        assertTrue(data.get("holds").size() >= 4, data.get("holds").toString());
        CliRun stdout = CliRun.of("analyze", "--format", "html", sample("nlm-basic-contention-granted.pcap").toString());
        assertTrue(stdout.out().startsWith("<!DOCTYPE html>"), stdout.out().substring(0, 100));
    }
}
