package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.testing.TestCaptures;

/** The per-procedure call counts, kept by number and labelled only when asked for. */
class CallCountsTest {
    private static Path sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name);
    }

    @Test
    void nfs4CompoundsAreCountedUnderTheirLabelInLabelOrder() {
        LockAnalysis a = LockAnalysis.run(sample("v41-single.pcap"), Settings.defaults());
        Map<String, Long> calls = a.callsByProcedure();
        assertTrue(a.nfs4Compounds > 0);
        assertEquals(a.nfs4Compounds, calls.get("NFS v4 COMPOUND"));
        List<String> sorted = new ArrayList<>(calls.keySet());
        sorted.sort(null);
        assertEquals(sorted, new ArrayList<>(calls.keySet()));
    }

    @Test
    void nlmCallsAreCountedPerProcedure() {
        LockAnalysis a = LockAnalysis.run(sample("nlm-basic-contention-granted.pcap"), Settings.defaults());
        long nlm = a.callsByProcedure().entrySet().stream().filter(e -> e.getKey().startsWith("NLM "))
                .mapToLong(Map.Entry::getValue).sum();
        assertTrue(a.nlmCalls > 0);
        assertEquals(a.nlmCalls, nlm);
    }
}
