package org.nfslockscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;

class SarifWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode write(SarifWriter writer, List<CaptureResult> results) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(results, out);
        byte[] bytes = out.toByteArray();
        Schemas.assertValidSarif(bytes);
        return JSON.readTree(bytes);
    }

    private static JsonNode write(List<CaptureResult> results) throws IOException {
        return write(new SarifWriter(CheckPolicy.defaults(), "9.9.9", null), results);
    }

    @Test
    void everyCatalogEntryIsARuleWithHelp() throws IOException {
        JsonNode driver = write(List.of()).at("/runs/0/tool/driver");
        assertEquals("nfslockscope", driver.get("name").asText());
        assertEquals("9.9.9", driver.get("version").asText());
        assertFalse(driver.has("informationUri"), "left out when there is none");
        JsonNode rules = driver.get("rules");
        assertEquals(FindingType.values().length, rules.size());
        for (FindingType t : FindingType.values()) {
            JsonNode rule = rules.get(t.ordinal());
            assertEquals(t.id(), rule.get("id").asText());
            assertEquals(t.title(), rule.at("/shortDescription/text").asText());
            assertEquals(t.explanation(), rule.at("/fullDescription/text").asText());
            assertTrue(rule.at("/help/text").asText().startsWith(t.action()));
            assertTrue(rule.at("/help/text").asText().endsWith(t.reference()));
        }
        assertEquals("V40SeqidGap", rules.get(FindingType.V40_SEQID_GAP.ordinal()).get("name").asText());
        assertEquals("error", rules.get(FindingType.X_DOUBLE_GRANT.ordinal()).at("/defaultConfiguration/level").asText());
        assertEquals("warning", rules.get(FindingType.V40_SEQID_GAP.ordinal()).at("/defaultConfiguration/level").asText());
        assertEquals("note", rules.get(FindingType.CAP_GAP.ordinal()).at("/defaultConfiguration/level").asText());
        assertEquals("https://example.org/nfslockscope", write(new SarifWriter(CheckPolicy.defaults(), "1",
                "https://example.org/nfslockscope"), List.of()).at("/runs/0/tool/driver/informationUri").asText());
    }

    @Test
    void resultsAreLocatedByCaptureAndFrame() throws IOException {
        JsonNode run = write(List.of(ReportFixtures.clean(Path.of("b.pcap")),
                ReportFixtures.withFindings(Path.of("caps/a.pcapng")))).at("/runs/0");
        JsonNode results = run.get("results");
        assertEquals(3, results.size());
        JsonNode grant = results.get(1);
        assertEquals("X-DOUBLE-GRANT", grant.get("ruleId").asText());
        assertEquals(FindingType.X_DOUBLE_GRANT.ordinal(), grant.get("ruleIndex").asInt());
        assertEquals("error", grant.get("level").asText());
        assertEquals("server granted WRITE 0-EOF to owner B while owner A held it", grant.at("/message/text").asText());
        assertEquals("caps/a.pcapng", grant.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals(1, grant.at("/locations/0/physicalLocation/artifactLocation/index").asInt());
        assertEquals("frame 200", grant.at("/locations/0/logicalLocations/0/name").asText());
        assertEquals(200, grant.at("/properties/frame").asLong());
        assertEquals("[150,180,200]", grant.at("/properties/frames").toString());
        assertEquals("0xabcd", grant.at("/properties/file").asText());
        assertEquals("warning", results.get(0).get("level").asText());
        assertEquals("10.0.0.1:871", results.get(0).at("/properties/client").asText());
        assertEquals("caps/a.pcapng", run.at("/artifacts/1/location/uri").asText());
        assertEquals(400, run.at("/artifacts/1/properties/frames").asLong());
        assertTrue(run.at("/invocations/0/executionSuccessful").asBoolean());
        assertEquals("warning", run.at("/invocations/0/toolExecutionNotifications/0/level").asText());
    }

    @Test
    void ignoredIdsAreLeftOutButFailOnDoesNotFilter() throws IOException {
        SarifWriter writer = new SarifWriter(new CheckPolicy(Severity.ERROR, Set.of(FindingType.X_DOUBLE_GRANT)), "1", null);
        JsonNode results = write(writer, List.of(ReportFixtures.withFindings(Path.of("a.pcap")))).at("/runs/0/results");
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.get("ruleId").asText()));
        assertEquals(List.of("V40-SEQID-GAP", "V41-FALSE-RETRY"), ids);
    }

    @Test
    void unreadableCaptureIsAFailedInvocation() throws IOException {
        JsonNode run = write(List.of(CaptureResult.unreadable(Path.of("x.pcap"), "x.pcap: no such file"))).at("/runs/0");
        assertFalse(run.at("/invocations/0/executionSuccessful").asBoolean());
        JsonNode n = run.at("/invocations/0/toolExecutionNotifications/0");
        assertEquals("error", n.get("level").asText());
        assertEquals("x.pcap: no such file", n.at("/message/text").asText());
        assertEquals("x.pcap", n.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    }

    @Test
    void capturePathsBecomeValidUriReferences() throws IOException {
        assertEquals("my%20caps/a%23b.pcap", SarifWriter.uri(Path.of("my caps/a#b.pcap")));
        assertEquals("./c:x.pcap", SarifWriter.uri(Path.of("c:x.pcap")));
        assertTrue(SarifWriter.uri(Path.of("/tmp/x y.pcap")).startsWith("file:///tmp/x%20y.pcap"));
        write(List.of(ReportFixtures.withFindings(Path.of("my caps/a#b \"<>\".pcap")),
                ReportFixtures.withFindings(Path.of("/abs/[x].pcap"))));
    }

    @Test
    void hostileMessagesSurvive() throws IOException {
        JsonNode hostile = write(List.of(ReportFixtures.withFindings(Path.of("a.pcap")))).at("/runs/0/results/2/message/text");
        // Everything but the lone surrogate, which UTF-8 cannot carry, comes back as it was.
        assertEquals(ReportFixtures.HOSTILE.replace('\uD800', '?'), hostile.asText());
    }

    @Test
    void theSchemaCheckIsNotVacuous() throws IOException {
        ObjectNode log = new SarifWriter(CheckPolicy.defaults(), "1", null)
                .log(List.of(ReportFixtures.withFindings(Path.of("a.pcap"))));
        assertTrue(Schemas.sarifErrors(log).isEmpty(), () -> Schemas.sarifErrors(log).toString());
        ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");
        assertFalse(Schemas.sarifErrors(log).isEmpty(), "an unknown level must be rejected");
        ObjectNode noVersion = new SarifWriter(CheckPolicy.defaults(), "1", null).log(List.of());
        noVersion.remove("version");
        assertFalse(Schemas.sarifErrors(noVersion).isEmpty(), "version is required");
    }
}
