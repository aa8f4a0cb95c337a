package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/** V4- and NLM-GRACE-NONRECLAIM-GRANTED on built captures, with near misses. */
class GraceGrantRuleTest {
    private static final int V4_GRACE = 10013;
    private static final int NLM_GRACE = 4;

    /** 10.0.0.3 holds WRITE 0-100; 100 s later 10.0.0.2 meets grace (the restart); returns the new B. */
    private static Nfs4Scenario.Client restarted(Nfs4Scenario s) {
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client b = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.capture.time(s.capture.now() + 100 * Settings.SECOND);
        s.lock(b, Nfs4Scenario.WRITE_LT, 50, 10, false, V4_GRACE);
        return s.client("10.0.0.2", 803, 0x4444L, "owner-two");
    }

    @Test
    void aConflictingNewLockGrantedBeforeTheHolderReclaimedIsAWarning() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client b = restarted(s);
        int[] grant = s.lock(b, Nfs4Scenario.WRITE_LT, 50, 10, false, 0);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "V4-GRACE-NONRECLAIM-GRANTED");
        assertEquals(1, f.size(), all.toString());
        assertEquals(grant[1], f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
    }

    @Test
    void aGrantOverlappingNothingHeldBeforeIsInfo() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client b = restarted(s);
        s.lock(b, Nfs4Scenario.WRITE_LT, 500, 10, false, 0);
        List<Finding> f = of(s.analyze(), "V4-GRACE-NONRECLAIM-GRANTED");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @Test
    void aGrantAfterTheHolderReclaimedOrAfterTheModelledGraceIsQuiet() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client b = restarted(s);
        Nfs4Scenario.Client a = s.client("10.0.0.3", 802, 0x3333L, "owner-new");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, true, 0);
        s.lock(b, Nfs4Scenario.WRITE_LT, 200, 10, false, 0);
        assertTrue(of(s.analyze(), "V4-GRACE-NONRECLAIM-GRANTED").isEmpty());

        Nfs4Scenario late = new Nfs4Scenario();
        Nfs4Scenario.Client b2 = restarted(late);
        late.capture.time(late.capture.now() + 91 * Settings.SECOND);
        late.lock(b2, Nfs4Scenario.WRITE_LT, 50, 10, false, 0);
        assertTrue(of(late.analyze(), "V4-GRACE-NONRECLAIM-GRANTED").isEmpty());
    }

    /** A holds WRITE 0-100; 100 s later B's LOCK at {@code offset} meets grace (the restart). */
    private static void nlmRestarted(NlmScenario s, NlmScenario.Client a, NlmScenario.Client b, long offset) {
        s.lock(a, a.lock(100, 0, 100), true, false, false, 0);
        s.capture.time(s.capture.now() + 100 * Settings.SECOND);
        s.lock(b, b.lock(200, offset, 10), true, false, false, NLM_GRACE);
    }

    @Test
    void nlmGrantInGraceBeforeTheHolderReclaimedIsAWarningAndAfterItIsQuiet() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        nlmRestarted(s, a, b, 50);
        int[] grant = s.lock(b, b.lock(200, 50, 10), true, false, false, 0);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "NLM-GRACE-NONRECLAIM-GRANTED");
        assertEquals(1, f.size(), all.toString());
        assertEquals(grant[1], f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());

        NlmScenario q = new NlmScenario();
        NlmScenario.Client qa = q.client("10.0.0.3", 800);
        NlmScenario.Client qb = q.client("10.0.0.2", 801);
        nlmRestarted(q, qa, qb, 500);
        q.lock(qa, qa.lock(100, 0, 100), true, false, true, 0);
        q.lock(qb, qb.lock(200, 500, 10), true, false, false, 0);
        assertTrue(of(q.analyze(), "NLM-GRACE-NONRECLAIM-GRANTED").isEmpty());
    }
}
