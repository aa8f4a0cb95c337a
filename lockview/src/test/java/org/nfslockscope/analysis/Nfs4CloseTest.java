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

    /** A client that took a lock from its open and then closed the open. */
    private static Nfs4Scenario.Client lockedAndClosed(Nfs4Scenario s) {
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.close(a, 1);
        return a;
    }

    /** The one V4-STATEID-AFTER-RELEASE is at {@code frame}, and the refusal is not also V4-BAD-STATEID. */
    private static void refusedAfterRelease(List<Finding> all, int frame) {
        only(all, "V4-STATEID-AFTER-RELEASE", frame);
        assertEquals(List.of(), of(all, "V4-BAD-STATEID"), all.toString());
    }

    /** The server accepted {@code use} after {@code release}: an error naming the release's reply. */
    private static void revived(List<Finding> all, int[] use, int[] release) {
        Finding after = only(all, "V4-STATEID-AFTER-RELEASE", use[1]);
        assertEquals(Severity.ERROR, after.severity());
        assertTrue(after.frames().contains((long) release[1]), after.frames().toString());
    }

    @Test
    void aLockStateidUsedAfterItsOpenWasClosedIsAUseAfterRelease() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = lockedAndClosed(s);
        s.after(10);
        int[] use = s.lockuRefused(a, 0, 100, Nfs4Scenario.BAD_STATEID);
        refusedAfterRelease(s.analyze(), use[1]);
    }

    /** Notes §3.4: I/O or an unlock whose call was sent before the release's reply is not a use after release. */
    @Test
    void aLockuInFlightWhenTheOpenWasClosedIsRefusedWithoutAnAnomaly() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.lockuRefusedAcrossClose(a, 0, 100, 1, Nfs4Scenario.BAD_STATEID);
        s.after(10);
        int[] late = s.lockuRefused(a, 0, 100, Nfs4Scenario.BAD_STATEID);
        refusedAfterRelease(s.analyze(), late[1]);
    }

    @Test
    void aServerThatAcceptsAStateidAfterItsReleaseRevivedIt() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        int[] close = s.close(a, 1);
        s.after(10);
        int[] use = s.locku(a, 0, 100);
        revived(s.analyze(), use, close);
    }

    @Test
    void aServerThatClosesAClosedOpenAgainRevivedIt() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        new Nfs4OpenOps(s).open(a, 1, 0);
        int[] close = s.close(a, 2);
        s.after(10);
        int[] again = s.close(a, 3);
        revived(s.analyze(), again, close);
    }

    /** The same CLOSE again (same owner seqid, new XID): the server answers it from its cache. */
    @Test
    void aReplayedCloseIsNoRevival() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        new Nfs4OpenOps(s).open(a, 1, 0);
        s.close(a, 2);
        s.after(1);
        s.close(a, 2);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "V40-OWNER-REPLAY").size(), all.toString());
        assertEquals(List.of(), of(all, "V4-STATEID-AFTER-RELEASE"), all.toString());
    }

    @Test
    void aReplayOfTheLastLockuAnsweredFromTheCacheIsNoRevival() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x11, "owner-a");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.locku(a, 0, 100);
        s.close(a, 1);
        s.after(1);
        a.lockSeqid--; // the same LOCKU again, with a new XID: the server replays its reply
        s.locku(a, 0, 100);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "V40-OWNER-REPLAY").size(), all.toString());
        assertEquals(List.of(), of(all, "V4-STATEID-AFTER-RELEASE"), all.toString());
    }

    /**
     * Released stateids are remembered for two leases (the scenario's lease is 15 s): a use long
     * after is refused like any stateid the server does not know.
     */
    @Test
    void aStateidReleasedTwoLeasesAgoIsForgotten() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = lockedAndClosed(s);
        s.after(20);
        s.renew(a);
        s.after(20);
        s.renew(a);
        s.after(20);
        s.lockuRefused(a, 0, 100, Nfs4Scenario.BAD_STATEID);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "V4-STATEID-AFTER-RELEASE"), all.toString());
        assertEquals(1, of(all, "V4-BAD-STATEID").size(), all.toString());
    }
}
