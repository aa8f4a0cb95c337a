package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/** V4-RECLAIM-UNHELD on built NFSv4.0 captures: a server restart proven by a grace refusal. */
class Nfs4ReclaimRuleTest {
    static final int GRACE = 10013;

    /** Client 10.0.0.3 holds WRITE 0-100; {@code seconds} later 10.0.0.2 meets grace (the restart). */
    private static Nfs4Scenario restartedAfter(long seconds) {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client b = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.capture.time(s.capture.now() + seconds * Settings.SECOND);
        s.lock(b, Nfs4Scenario.WRITE_LT, 500, 10, false, GRACE);
        return s;
    }

    @Test
    void reclaimingWhatTheHostDidNotHoldIsAWarning() {
        Nfs4Scenario s = restartedAfter(100);
        Nfs4Scenario.Client a = s.client("10.0.0.3", 802, 0x3333L, "owner-new");
        Nfs4Scenario.Client b = s.client("10.0.0.2", 803, 0x4444L, "owner-two");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, true, 0); // held before, under another client ID
        s.lock(a, Nfs4Scenario.READ_LT, 10, 20, true, 0); // covered, a weaker type
        int[] wider = s.lock(a, Nfs4Scenario.WRITE_LT, 50, 100, true, 0);
        int[] otherHost = s.lock(b, Nfs4Scenario.READ_LT, 0, 10, true, 0);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "V4-RECLAIM-UNHELD");
        assertEquals(2, f.size(), all.toString());
        assertEquals(wider[0], f.get(0).frame());
        assertEquals(otherHost[0], f.get(1).frame());
        assertTrue(f.stream().allMatch(x -> x.severity() == Severity.WARNING), f.toString());
        assertTrue(f.get(0).message().contains("matched by address"), f.get(0).message());
    }

    @Test
    void aRestartInTheCapturesFirstLeaseMakesItInfo() {
        Nfs4Scenario s = restartedAfter(2);
        Nfs4Scenario.Client b = s.client("10.0.0.2", 803, 0x4444L, "owner-two");
        s.lock(b, Nfs4Scenario.READ_LT, 0, 10, true, 0);
        s.lock(b, Nfs4Scenario.READ_LT, 0, 10, true, 0); // the same reclaim again: one finding
        List<Finding> f = of(s.analyze(), "V4-RECLAIM-UNHELD");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
    }
}
