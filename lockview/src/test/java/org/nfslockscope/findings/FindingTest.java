package org.nfslockscope.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nfslockscope.lockview.ByteRange;

class FindingTest {

    private static final long T = 1_763_632_800_000_000_001L; // 2025-11-20T10:00:00.000000001Z

    @Test
    void builderDefaultsToCatalogSeverityAndReference() {
        Finding f = Finding.builder(FindingType.V40_SEQID_GAP, 123, T, "owner X skipped seqid 5 to 7").build();
        assertEquals("V40-SEQID-GAP", f.id());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("RFC 7530 §9.1.3", f.reference());
        assertEquals(List.of(123L), f.frames());
        assertNull(f.client());
        assertNull(f.range());
    }

    @Test
    void evidenceFramesAreSortedDeduplicatedAndIncludeTheProvingFrame() {
        Finding f = Finding.builder(FindingType.X_DOUBLE_GRANT, 123, T, "m")
                .evidence(150, 100, 100)
                .evidence(List.of(99L, 150L))
                .build();
        assertEquals(List.of(99L, 100L, 123L, 150L), f.frames());
    }

    @Test
    void severityAndReferenceCanBeOverriddenByRules() {
        Finding f = Finding.builder(FindingType.V40_SEQID_GAP, 1, T, "m")
                .severity(Severity.ERROR)
                .reference("RFC 7530 §9.1.7")
                .build();
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("RFC 7530 §9.1.7", f.reference());
    }

    @Test
    void jsonFollowsTheContractAndLeavesOutWhatDoesNotApply() {
        Finding f = Finding.builder(FindingType.V40_SEQID_GAP, 123, T,
                        "lock-owner 0a0b on file 0x01 went from seqid 5 to 7")
                .evidence(100)
                .client("10.0.0.1:871").server("10.0.0.2:2049").clientId("0x00000000000000aa")
                .owner("0a0b").file("0x01").range(ByteRange.ofNfs4(0, -1L))
                .build();
        Map<String, Object> json = f.toJson();
        assertEquals(List.of("id", "severity", "frame", "frames", "time", "client", "server", "clientId",
                "owner", "file", "range", "message", "reference"), new ArrayList<>(json.keySet()));
        assertEquals("V40-SEQID-GAP", json.get("id"));
        assertEquals("warning", json.get("severity"));
        assertEquals(123L, json.get("frame"));
        assertEquals(List.of(100L, 123L), json.get("frames"));
        assertEquals("2025-11-20T10:00:00.000000001Z", json.get("time"));
        assertEquals(Map.of("offset", 0L, "length", "EOF"), json.get("range"));

        Map<String, Object> bare = Finding.builder(FindingType.CAP_GAP, 5, T, "gap").build().toJson();
        for (String absent : List.of("client", "server", "clientId", "owner", "file", "range")) {
            assertFalse(bare.containsKey(absent), absent);
        }
    }

    @Test
    void largeUnsignedOffsetsStayExactInJson() {
        Map<String, Object> range = ByteRange.of(-2L, -2L).toJson();
        assertEquals(new BigInteger("18446744073709551614"), range.get("offset"));
        assertEquals(1L, range.get("length"));
    }

    @Test
    void aFindingNeedsAMessage() {
        assertThrows(NullPointerException.class, () -> Finding.builder(FindingType.CAP_GAP, 1, T, null).build());
        assertThrows(IllegalArgumentException.class, () -> Finding.builder(FindingType.CAP_GAP, 1, T, " ").build());
    }

    @Test
    void sinksReceiveFindings() {
        List<Finding> got = new ArrayList<>();
        FindingSink sink = got::add;
        Finding f = Finding.builder(FindingType.X_HELD_AT_END, 88, T, "held").build();
        sink.report(f);
        FindingSink.discarding().report(f);
        assertEquals(List.of(f), got);
    }
}
