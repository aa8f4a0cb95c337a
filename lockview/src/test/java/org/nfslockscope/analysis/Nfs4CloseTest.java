package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;

/**
 * CLOSE frees the locks of the lock stateids made from the open it closes (RFC 7530 §9.10), and
 * only those: the end-of-capture inventory then lists the other clients' locks alone.
 */
class Nfs4CloseTest {
    @Test
    void closeReleasesTheLocksMadeFromItsOpenOnly() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        Nfs4Scenario.Client b = s.client("10.0.0.4", 801, 0x22, "owner-b");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        int[] heldByB = s.lock(b, Nfs4Scenario.WRITE_LT, 200, 100, false, 0);
        s.close(a, 1);
        List<Finding> all = s.analyze();
        List<Finding> held = of(all, "X-HELD-AT-END");
        assertEquals(1, held.size(), all.toString());
        assertEquals(heldByB[1], held.get(0).frame());
        assertEquals("10.0.0.4:801", held.get(0).client());
    }

    @Test
    void closingEveryOpenLeavesNoLockHeld() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        Nfs4Scenario.Client b = s.client("10.0.0.4", 801, 0x22, "owner-b");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.lock(b, Nfs4Scenario.WRITE_LT, 200, 100, false, 0);
        s.close(b, 1);
        s.close(a, 1);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "X-HELD-AT-END"), all.toString());
    }
}
