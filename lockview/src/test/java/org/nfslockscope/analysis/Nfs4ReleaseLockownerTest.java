package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nfslockscope.analysis.Found.of;
import static org.nfslockscope.analysis.Found.only;

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

    /** A client that locked, unlocked and then released its lock-owner. */
    private static Nfs4Scenario.Client released(Nfs4Scenario s) {
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.locku(a, 0, 100);
        s.releaseLockowner(a);
        return a;
    }

    @Test
    void aLockStateidUsedAfterItsOwnerWasReleasedIsAUseAfterRelease() {
        Nfs4Scenario s = new Nfs4Scenario();
        int[] use = s.lockuRefused(released(s), 0, 100, Nfs4Scenario.BAD_STATEID);
        List<Finding> all = s.analyze();
        only(all, "V4-STATEID-AFTER-RELEASE", use[1]);
        assertEquals(List.of(), of(all, "V4-BAD-STATEID"), all.toString());
    }

    @Test
    void aLockNamingAReleasedOwnersStateidIsAUseAfterReleaseByItsClient() {
        Nfs4Scenario s = new Nfs4Scenario();
        int[] use = s.lockExistingRefused(released(s), Nfs4Scenario.WRITE_LT, 0, 100, Nfs4Scenario.BAD_STATEID);
        // The released owner is forgotten; the stateid still names the client.
        assertEquals("0x0000000000000011", only(s.analyze(), "V4-STATEID-AFTER-RELEASE", use[1]).clientId());
    }
}
