package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.testing.XdrWriter;

/** V4-LAPSE-SURVIVED on built NFSv4.0 captures (15 s lease): a lapsed client whose state is still accepted. */
class LapseSurvivedTest {
    private final Nfs4Scenario s = new Nfs4Scenario();
    private final Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
    private final Nfs4Scenario.Client c2 = s.client("10.0.0.2", 801, 0x2222L, "owner-two");

    /** c1 holds WRITE 0-EOF, then is silent for 20 s while c2 keeps its own lease. */
    private int[] lapse() {
        int[] held = s.lock(c1, Nfs4Scenario.WRITE_LT, 0, Nfs4Scenario.EOF, false, 0);
        for (int i = 0; i < 4; i++) {
            s.after(5);
            s.renew(c2);
        }
        return held;
    }

    @Test
    void aLapsedClientWhoseRenewIsAcceptedSurvived() {
        int[] held = lapse();
        int[] back = s.renew(c1);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "V4-LEASE-LAPSE").size(), all.toString());
        List<Finding> f = of(all, "V4-LAPSE-SURVIVED");
        assertEquals(1, f.size(), all.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(back[1], f.get(0).frame());
        assertTrue(f.get(0).frames().contains((long) held[0]), f.get(0).frames().toString());
    }

    @Test
    void aClientThatKeepsRenewingHasNothingToSurvive() {
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, Nfs4Scenario.EOF, false, 0);
        for (int i = 0; i < 4; i++) {
            s.after(5);
            s.renew(c1);
        }
        assertEquals(List.of(), of(s.analyze(), "V4-LAPSE-SURVIVED"));
    }

    @Test
    void aLockGivenAwayDuringTheLapseIsNoSurvival() {
        lapse();
        s.lock(c2, Nfs4Scenario.WRITE_LT, 0, 100, false, 0); // takes part of c1's range
        s.renew(c1);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "V4-EXPIRED-STOLEN").size(), all.toString());
        assertEquals(List.of(), of(all, "V4-LAPSE-SURVIVED"));
    }

    @Test
    void aClientThatComesBackToExpiredIsNoSurvival() {
        lapse();
        new Nfs4OpenOps(s).exchange(c1, new XdrWriter().string("").u32(0).u32(1).u32(30).u64(c1.clientid),
                new XdrWriter().u32(10011).string("").u32(1).u32(30).u32(10011));
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "V4-EXPIRED-USE").size(), all.toString());
        assertEquals(List.of(), of(all, "V4-LAPSE-SURVIVED"));
    }
}
