package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;
import static org.nfslockscope.analysis.Found.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/**
 * FREE_STATEID gives a 4.1 lock stateid back once its locks are gone [RFC 8881 §18.38]: a later
 * use is V4-STATEID-AFTER-RELEASE (notes §3.4), and its success says the owner holds nothing there.
 */
class Nfs4FreeStateidTest {
    private static final String SESSION = "00000000000011110000000000000001";
    /** NFS4ERR_LOCKS_HELD. */
    private static final int LOCKS_HELD = 10037;

    /** A 4.1 client with a session, holding a write lock on [0, 99] through its lock stateid. */
    private static Nfs4Scenario.Client locked(Nfs4Scenario s) {
        Nfs4Scenario.Client a = s.client("10.0.0.2", 801, 0x1111L, "process-1");
        s.exchangeId(a, "6c696e75782d686f73742d61", "0000000000000001", false);
        s.createSession(a, SESSION);
        s.lock41(a, SESSION, 1, Nfs4Scenario.WRITE_LT, 0, 100);
        return a;
    }

    /**
     * A locked client unlocks, frees its lock stateid and, five seconds later, unlocks with it again,
     * answered {@code status}; the finding V4-STATEID-AFTER-RELEASE must raise at that reply, and
     * name the FREE_STATEID's reply.
     */
    private static Finding usedAfterFree(int status) {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = locked(s);
        s.locku41(a, SESSION, 2, 0, 100, 0);
        int[] free = s.freeStateid41(a, SESSION, 3, 0);
        s.after(5);
        int[] use = s.locku41(a, SESSION, 4, 0, 100, status);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "V4-BAD-STATEID"), all.toString());
        Finding after = only(all, "V4-STATEID-AFTER-RELEASE", use[1]);
        assertTrue(after.frames().contains((long) free[1]), after.frames().toString());
        return after;
    }

    @Test
    void aLockStateidUsedAfterItWasFreedIsAUseAfterRelease() {
        assertEquals(Severity.WARNING, usedAfterFree(Nfs4Scenario.BAD_STATEID).severity());
    }

    @Test
    void aServerThatAcceptsAFreedStateidRevivedIt() {
        assertEquals(Severity.ERROR, usedAfterFree(0).severity());
    }

    /** The server frees a lock stateid only when it holds no locks: the LOCKU the capture missed happened. */
    @Test
    void aFreedLockStateidHoldsNoLockEvenWithoutItsLocku() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = locked(s);
        s.freeStateid41(a, SESSION, 2, 0);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "X-HELD-AT-END"), all.toString());
    }

    @Test
    void aRefusedFreeKeepsTheStateidAndItsLocks() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = locked(s);
        s.freeStateid41(a, SESSION, 2, LOCKS_HELD);
        s.after(5);
        s.locku41(a, SESSION, 3, 0, 50, 0);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "V4-STATEID-AFTER-RELEASE"), all.toString());
        assertEquals(1, of(all, "X-HELD-AT-END").size(), all.toString());
    }
}
