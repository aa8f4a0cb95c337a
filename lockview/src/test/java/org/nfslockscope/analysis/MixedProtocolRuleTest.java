package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/** X-MIXED-PROTOCOL: one capture carrying NLM (UDP) and NFSv4 (TCP) locks on the same server. */
class MixedProtocolRuleTest {
    private static final int GRANTED = 0;

    @Test
    void bothProtocolsOnOneFileAreReportedOnceAsInfoWithoutConflict() {
        NlmScenario s = new NlmScenario();
        Nfs4Scenario v4 = new Nfs4Scenario(s.capture, NlmScenario.FH);
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Nfs4Scenario.Client c = v4.client("10.0.0.2", 801, 0x2222L, "owner-two");
        int[] nlm = s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        int[] first = v4.lock(c, Nfs4Scenario.WRITE_LT, 200, 10, false, 0);
        v4.lock(c, Nfs4Scenario.WRITE_LT, 300, 10, false, 0);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "X-MIXED-PROTOCOL");
        assertEquals(1, f.size(), all.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(first[1], f.get(0).frame());
        assertTrue(f.get(0).frames().contains((long) nlm[1]), f.get(0).frames().toString());
    }

    @Test
    void conflictingRangesAcrossProtocolsAreAWarningBesideTheDoubleGrant() {
        NlmScenario s = new NlmScenario();
        Nfs4Scenario v4 = new Nfs4Scenario(s.capture, NlmScenario.FH);
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Nfs4Scenario.Client c = v4.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        int[] clash = v4.lock(c, Nfs4Scenario.READ_LT, 50, 10, false, 0);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "X-DOUBLE-GRANT").size(), all.toString());
        List<Finding> f = of(all, "X-MIXED-PROTOCOL");
        assertEquals(1, f.size(), all.toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals(clash[1], f.get(0).frame());
    }

    @Test
    void otherHandlesOrLocksThatNeverOverlapInTimeAreNotMixed() {
        NlmScenario s = new NlmScenario();
        Nfs4Scenario other = new Nfs4Scenario(s.capture, Nfs4Scenario.FH);
        Nfs4Scenario same = new Nfs4Scenario(s.capture, NlmScenario.FH);
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Nfs4Scenario.Client c = other.client("10.0.0.2", 801, 0x2222L, "owner-two");
        Nfs4Scenario.Client d = same.client("10.0.0.4", 802, 0x3333L, "owner-three");
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        other.lock(c, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.unlock(a, a.lock(100, 0, 100), GRANTED);
        same.lock(d, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "X-MIXED-PROTOCOL").isEmpty(), all.toString());
    }
}
