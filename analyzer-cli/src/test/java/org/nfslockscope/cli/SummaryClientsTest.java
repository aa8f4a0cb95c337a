package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nfslockscope.testing.TestCaptures;

/**
 * The summary counts client hosts ("clients", unchanged) and client identities ("clientIds"):
 * pynfs runs several NFSv4 client IDs from one host; the NLM capture has one caller name per host.
 */
class SummaryClientsTest {
    private static JsonNode summary(String sample) throws Exception {
        String path = TestCaptures.projectRoot().resolve("samples-pcap").resolve(sample).toString();
        CliRun run = CliRun.of("analyze", "--format", "json", path);
        return new ObjectMapper().readTree(run.out()).get("summary");
    }

    @Test
    void severalClientIdsOnOneHost() throws Exception {
        JsonNode s = summary("v40-pynfs-contention-LOCK15.pcap");
        assertEquals(1, s.get("clients").asInt());
        assertTrue(s.get("clientIds").asInt() >= 2, s.toString()); // LOCK15's c1 and c2, besides pynfs's setup
    }

    @Test
    void oneCallerNamePerNlmHost() throws Exception {
        JsonNode s = summary("nlm-basic-contention-granted.pcap");
        assertEquals(s.get("clients").asInt(), s.get("clientIds").asInt(), s.toString());
    }
}
