package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/**
 * V4-GRANT-OVER-EXPIRED: an NLM grant over an NFSv4 lock whose client let its 15 s lease lapse,
 * on one server and file (the two protocols share the server's lock table).
 */
class GrantOverExpiredRuleTest {
    private static final int GRANTED = 0;

    private final NlmScenario s = new NlmScenario();
    private final Nfs4Scenario v4 = new Nfs4Scenario(s.capture, NlmScenario.FH);
    private final NlmScenario.Client a = s.client("10.0.0.3", 800);
    private final Nfs4Scenario.Client c = v4.client("10.0.0.2", 801, 0x2222L, "owner-two");

    @Test
    void anNlmGrantOverALapsedNfs4HolderIsAWarningNotADoubleGrant() {
        int[] held = v4.lock(c, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.after(20);
        int[] grant = s.lock(a, a.lock(100, 50, 10), true, false, false, GRANTED);
        List<Finding> all = v4.analyze();
        assertEquals(List.of(), of(all, "X-DOUBLE-GRANT"));
        List<Finding> f = of(all, "V4-GRANT-OVER-EXPIRED");
        assertEquals(1, f.size(), all.toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals(grant[1], f.get(0).frame());
        assertTrue(f.get(0).frames().containsAll(List.of((long) grant[0], (long) held[1])), f.get(0).frames().toString());
    }

    @Test
    void aHolderThatKeepsRenewingMakesItADoubleGrant() {
        v4.lock(c, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        for (int i = 0; i < 4; i++) {
            s.after(5);
            v4.renew(c);
        }
        s.lock(a, a.lock(100, 50, 10), true, false, false, GRANTED);
        List<Finding> all = v4.analyze();
        assertEquals(1, of(all, "X-DOUBLE-GRANT").size(), all.toString());
        assertEquals(List.of(), of(all, "V4-GRANT-OVER-EXPIRED"));
    }

    @Test
    void anNfs4GrantOverALapsedHolderIsReportedOnceAsStolen() {
        v4.lock(c, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.after(20);
        Nfs4Scenario.Client d = v4.client("10.0.0.4", 802, 0x3333L, "owner-three");
        v4.lock(d, Nfs4Scenario.WRITE_LT, 50, 10, false, 0);
        List<Finding> all = v4.analyze();
        assertEquals(1, of(all, "V4-EXPIRED-STOLEN").size(), all.toString());
        assertEquals(List.of(), of(all, "V4-GRANT-OVER-EXPIRED"));
        assertEquals(List.of(), of(all, "X-DOUBLE-GRANT"));
    }
}
