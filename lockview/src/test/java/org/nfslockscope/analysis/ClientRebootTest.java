package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/**
 * An NFSv4.0 client that confirms its id string with a new verifier rebooted: the server dropped
 * the previous clientid's locks, so another client may take them. The same verifier only
 * updates the callback, and the locks stay.
 */
class ClientRebootTest {
    private static final String ID = "6c696e75782d686f73742d61"; // "linux-host-a"

    @Test
    void aNewVerifierReleasesTheOldClientsLocks() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client before = s.client("10.0.0.2", 801, 0x1111L, "owner-a");
        Nfs4Scenario.Client other = s.client("10.0.0.3", 802, 0x2222L, "owner-b");
        s.setClientId(before, ID, "0000000000000001");
        s.lock(before, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        Nfs4Scenario.Client after = s.client("10.0.0.2", 803, 0x3333L, "owner-a");
        s.setClientId(after, ID, "0000000000000002");
        s.lock(other, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "X-DOUBLE-GRANT").isEmpty(), all.toString());
        List<Finding> held = of(all, "X-HELD-AT-END");
        assertEquals(1, held.size(), held.toString());
        assertEquals("0x0000000000002222", held.get(0).clientId());
    }

    /**
     * Two hosts presenting one client owner (cloned machines with the same id string): the second's
     * confirmation drops the first's state, and the first's next use of its lock stateid is a use
     * after release that names the frame where its state went (notes §3.4).
     */
    @Test
    void aStateidOfAClientWhoseStateWasDroppedIsUsedAfterRelease() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client first = s.client("10.0.0.2", 801, 0x1111L, "owner-a");
        s.setClientId(first, ID, "0000000000000001");
        s.lock(first, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        Nfs4Scenario.Client twin = s.client("10.0.0.9", 803, 0x3333L, "owner-a");
        int[] dropped = s.setClientId(twin, ID, "0000000000000002");
        s.after(5);
        int[] use = s.lockuRefused(first, 0, 100, Nfs4Scenario.BAD_STATEID);
        List<Finding> all = s.analyze();
        Finding after = Found.only(all, "V4-STATEID-AFTER-RELEASE", use[1]);
        assertEquals(Severity.WARNING, after.severity());
        assertTrue(after.frames().contains((long) dropped[1]), after.frames().toString());
        assertEquals(List.of(), of(all, "V4-BAD-STATEID"), all.toString());
    }

    @Test
    void theSameVerifierKeepsTheLocks() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client before = s.client("10.0.0.2", 801, 0x1111L, "owner-a");
        Nfs4Scenario.Client other = s.client("10.0.0.3", 802, 0x2222L, "owner-b");
        s.setClientId(before, ID, "0000000000000001");
        s.lock(before, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        Nfs4Scenario.Client again = s.client("10.0.0.2", 803, 0x3333L, "owner-a");
        s.setClientId(again, ID, "0000000000000001");
        int[] clash = s.lock(other, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        List<Finding> all = s.analyze();
        List<Finding> grants = of(all, "X-DOUBLE-GRANT");
        assertEquals(1, grants.size(), all.toString());
        assertEquals(Severity.ERROR, grants.get(0).severity());
        assertEquals(clash[1], grants.get(0).frame());
    }
}
