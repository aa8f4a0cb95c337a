package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.findings.KeptFindings;

/**
 * A capture that raises more findings than the view keeps (a client breaking a rule on every
 * request raises one per request, a million in a gigabyte): the reports still count every one,
 * exit as those findings ask, list the first ones, and say how many they left out; the JSON
 * lines list every one; and a narrowed report keeps the first of the findings it shows.
 */
class FindingsLimitTest {
    private static final int CYCLES = KeptFindings.PER_KIND + 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path capture;

    @BeforeAll
    static void write() {
        capture = BusyNlmCapture.writeDoubleGrants(dir.resolve("double-grants.pcap"), CYCLES, 7);
    }

    private static List<JsonNode> of(JsonNode findings, String id) {
        List<JsonNode> out = new ArrayList<>();
        findings.forEach(f -> {
            if (f.get("id").asText().equals(id)) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    void jsonCountsEveryFindingAndListsTheFirstOnes() throws Exception {
        CliRun run = CliRun.of("analyze", "--format", "json", capture.toString());
        assertEquals(1, run.exit(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        List<JsonNode> doubles = of(doc.get("findings"), "X-DOUBLE-GRANT");
        assertEquals(KeptFindings.PER_KIND, doubles.size());
        long listed = doc.get("findings").size();
        long counted = doc.at("/summary/findings/error").asLong() + doc.at("/summary/findings/warning").asLong()
                + doc.at("/summary/findings/info").asLong();
        assertEquals(CYCLES - KeptFindings.PER_KIND, doc.at("/summary/limits/findingsNotKept").asLong());
        assertEquals(listed + CYCLES - KeptFindings.PER_KIND, counted);
        assertTrue(doc.at("/summary/findings/error").asLong() >= CYCLES, doc.get("summary").toString());
        // The first ones, in frame order.
        long last = 0;
        for (JsonNode f : doubles) {
            assertTrue(f.get("frame").asLong() > last);
            last = f.get("frame").asLong();
        }
    }

    @Test
    void jsonLinesListEveryFinding() throws Exception {
        CliRun run = CliRun.of("analyze", "--format", "jsonl", capture.toString());
        assertEquals(1, run.exit(), run.err());
        long doubles = run.out().lines().filter(l -> l.contains("\"X-DOUBLE-GRANT\"")).count();
        assertEquals(CYCLES, doubles);
    }

    @Test
    void textGivesTheTotalAndWhatWasNotKept() {
        CliRun run = CliRun.of("analyze", "--no-color", capture.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("X-DOUBLE-GRANT (" + CYCLES + ")"), run.out());
        assertTrue(run.out().contains("(" + KeptFindings.PER_KIND + " kept)"), run.out());
        assertTrue(run.out().contains("Not kept     " + (CYCLES - KeptFindings.PER_KIND) + " findings"), run.out());
    }

    @Test
    void aNarrowedReportKeepsTheFirstOfWhatItShows() throws Exception {
        JsonNode all = JSON.readTree(CliRun.of("analyze", "--format", "jsonl", capture.toString()).out()
                .lines().filter(l -> l.contains("\"X-DOUBLE-GRANT\"")).skip(CYCLES - 100).findFirst().orElseThrow());
        long since = all.get("frame").asLong();
        CliRun run = CliRun.of("analyze", "--format", "json", "--since", String.valueOf(since), capture.toString());
        JsonNode doc = JSON.readTree(run.out());
        List<JsonNode> doubles = of(doc.get("findings"), "X-DOUBLE-GRANT");
        assertEquals(100, doubles.size(), "the last 100 double grants, none of which is among the first kept");
        assertTrue(doubles.stream().allMatch(f -> f.get("frame").asLong() >= since));
        assertTrue(doc.at("/summary/limits/findingsNotKept").isMissingNode());
    }
}
