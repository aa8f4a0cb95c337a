package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;

/**
 * RELEASE_LOCKOWNER (RFC 7530 §16.37): the server forgets the lock-owner, its locks and its
 * sequence, so a lock-owner of the same name taken later starts a new sequence.
 */
class Nfs4ReleaseLockownerTest {
    @Test
    void anOwnerTakenAgainAfterItsReleaseStartsANewSequence() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0); // lock seqid 0
        s.locku(a, 0, 100); // lock seqid 1
        s.releaseLockowner(a);
        a.lockSeqid = 0;
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0); // a new owner of the same name
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "V40-SEQID-GAP"), all.toString());
        assertEquals(1, of(all, "X-HELD-AT-END").size(), all.toString());
    }

    @Test
    void releasingAnOwnerFreesItsLocks() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.releaseLockowner(a);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "X-HELD-AT-END"), all.toString());
    }

    @Test
    void aLockStateidUsedAfterItsOwnerWasReleasedIsAUseAfterRelease() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.locku(a, 0, 100);
        s.releaseLockowner(a);
        int[] use = s.lockuRefused(a, 0, 100, 10025); // NFS4ERR_BAD_STATEID
        List<Finding> all = s.analyze();
        List<Finding> after = of(all, "V4-STATEID-AFTER-RELEASE");
        assertEquals(1, after.size(), all.toString());
        assertEquals(use[1], after.get(0).frame());
        assertEquals(List.of(), of(all, "V4-BAD-STATEID"), all.toString());
    }

    @Test
    void aLockNamingAReleasedOwnersStateidIsAUseAfterReleaseByItsClient() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.locku(a, 0, 100);
        s.releaseLockowner(a);
        int[] use = s.lockExistingRefused(a, Nfs4Scenario.WRITE_LT, 0, 100, 10025); // NFS4ERR_BAD_STATEID
        List<Finding> all = s.analyze();
        List<Finding> after = of(all, "V4-STATEID-AFTER-RELEASE");
        assertEquals(1, after.size(), all.toString());
        assertEquals(use[1], after.get(0).frame());
        // The released owner is forgotten; the stateid still names the client.
        assertEquals("0x0000000000000011", after.get(0).clientId());
    }
}
