package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/** NFSv4 conflict and lease rules on built captures: each fires on its trigger, not on its near miss. */
class Nfs4RulesTest {
    private static List<Finding> of(List<Finding> all, String id) {
        return all.stream().filter(f -> f.id().equals(id)).toList();
    }

    @Test
    void conflictingGrantWhileTheHolderIsAliveIsADoubleGrant() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client c2 = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        int[] first = s.lock(c1, Nfs4Scenario.WRITE_LT, 0, Nfs4Scenario.EOF, false, 0);
        s.after(2);
        int[] second = s.lock(c2, Nfs4Scenario.READ_LT, 100, 10, false, 0);
        List<Finding> f = of(s.analyze(), "X-DOUBLE-GRANT");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals(second[1], f.get(0).frame());
        assertTrue(f.get(0).frames().contains((long) first[1]), f.get(0).frames().toString());
    }

    @Test
    void unlockDenialAndReadSharingAreQuiet() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client c2 = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, Nfs4Scenario.EOF, false, 0);
        s.lock(c2, Nfs4Scenario.READ_LT, 0, 10, false, 10010);
        s.locku(c1, 0, Nfs4Scenario.EOF);
        s.lock(c2, Nfs4Scenario.READ_LT, 0, 10, false, 0);
        s.lock(c1, Nfs4Scenario.READ_LT, 5, 10, false, 0);
        List<Finding> all = s.analyze();
        assertTrue(all.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING)), all.toString());
    }

    @Test
    void grantOverALapsedLeaseIsAStolenLockNotADoubleGrant() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client c2 = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        int[] held = s.lock(c1, Nfs4Scenario.WRITE_LT, 0, Nfs4Scenario.EOF, false, 0);
        for (int i = 0; i < 4; i++) {
            s.after(5);
            s.renew(c2);
        }
        int[] stolen = s.lock(c2, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "X-DOUBLE-GRANT").isEmpty(), all.toString());
        List<Finding> f = of(all, "V4-EXPIRED-STOLEN");
        assertEquals(1, f.size(), all.toString());
        assertEquals(stolen[1], f.get(0).frame());
        assertTrue(f.get(0).frames().contains((long) held[1]));
    }

    @Test
    void aHolderThatKeepsRenewingKeepsItsLock() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client c2 = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, Nfs4Scenario.EOF, false, 0);
        for (int i = 0; i < 4; i++) {
            s.after(5);
            s.renew(c1);
        }
        s.lock(c2, Nfs4Scenario.WRITE_LT, 0, 100, false, 10010);
        List<Finding> all = s.analyze();
        assertTrue(all.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING)), all.toString());
    }

    @Test
    void ownerSeqidsInSequenceFromZeroAreQuietAndASkipIsAGap() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        s.locku(c1, 0, 10);
        s.lock(c1, Nfs4Scenario.WRITE_LT, 20, 10, false, 0);
        assertTrue(s.analyze().stream().noneMatch(f -> f.id().startsWith("V40-")), s.analyze().toString());
        c1.lockSeqid += 3;
        int[] skipped = s.locku(c1, 20, 10);
        List<Finding> gaps = of(s.analyze(), "V40-SEQID-GAP");
        assertEquals(1, gaps.size(), s.analyze().toString());
        assertEquals(skipped[1], gaps.get(0).frame());
        assertEquals(Severity.ERROR, gaps.get(0).severity(), "the server accepted the skipped seqid");
    }

    @Test
    void sameSeqidForADifferentRequestIsAReplayMismatch() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        s.locku(c1, 0, 10);
        c1.lockSeqid--;
        int[] reused = s.locku(c1, 50, 10);
        List<Finding> f = of(s.analyze(), "V40-SEQID-REPLAY-MISMATCH");
        assertEquals(1, f.size(), s.analyze().toString());
        assertEquals(reused[1], f.get(0).frame());
    }

    private static final String SESSION = "00112233445566778899aabbccddeeff";

    /** A request on a slot's last sequence id that is not the request it carried is a false retry. */
    @Test
    void aDifferentRequestOnTheSameSlotAndSequenceIsAFalseRetry() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "o");
        s.sequence(c, SESSION, 5, 0, 0, 0);
        s.lock41(c, SESSION, 6, Nfs4Scenario.WRITE_LT, 0, 10);
        s.lock41(c, SESSION, 6, Nfs4Scenario.WRITE_LT, 0, 10); // the same LOCK again: a retry
        assertTrue(of(s.analyze(), "V41-FALSE-RETRY").isEmpty(), s.analyze().toString());
        int[] other = s.lock41(c, SESSION, 6, Nfs4Scenario.WRITE_LT, 100, 10);
        List<Finding> f = of(s.analyze(), "V41-FALSE-RETRY");
        assertEquals(1, f.size(), s.analyze().toString());
        assertEquals(other[1], f.get(0).frame());
    }

    @Test
    void slotSequenceInOrderAndRetriesAreQuietAndASkipIsMisordered() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "o");
        s.sequence(c, SESSION, 5, 0, 0, 0);
        s.sequence(c, SESSION, 6, 0, 0, 0);
        s.sequence(c, SESSION, 6, 0, 0, 0);
        s.sequence(c, SESSION, 1, 1, 0, 0);
        assertTrue(s.analyze().stream().noneMatch(f -> f.id().startsWith("V41-")), s.analyze().toString());
        int[] skip = s.sequence(c, SESSION, 9, 0, 0, 0);
        List<Finding> f = of(s.analyze(), "V41-SLOT-MISORDER");
        assertEquals(1, f.size(), s.analyze().toString());
        assertEquals(skip[1], f.get(0).frame());
        assertEquals(Severity.ERROR, f.get(0).severity(), "the server accepted it");
    }

    @Test
    void revokedStateFlagsAreReportedOnceWhenRaised() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "o");
        s.createSession(c, SESSION);
        s.sequence(c, SESSION, 1, 0, 0, 0);
        assertTrue(of(s.analyze(), "V41-STATE-REVOKED").isEmpty());
        int[] revoked = s.sequence(c, SESSION, 2, 0, 0, 0x10);
        s.sequence(c, SESSION, 3, 0, 0, 0x10);
        List<Finding> f = of(s.analyze(), "V41-STATE-REVOKED");
        assertEquals(1, f.size(), s.analyze().toString());
        assertEquals(revoked[1], f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity(), "only some state expired");
    }

    @Test
    void aNewSessionsSlotStartsAtOne() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "o");
        int[] created = s.createSession(c, SESSION);
        int[] wrongStart = s.sequence(c, SESSION, 2, 0, 0, 0);
        List<Finding> f = of(s.analyze(), "V41-SLOT-MISORDER");
        assertEquals(1, f.size(), s.analyze().toString());
        assertEquals(wrongStart[1], f.get(0).frame());
        // The evidence is the CREATE_SESSION that started the slot at 0, not a frame 0 that does not exist.
        assertEquals(List.of((long) created[1], (long) wrongStart[0], (long) wrongStart[1]), f.get(0).frames());
        assertTrue(f.get(0).message().contains("first request since the session was created (frame " + created[1]),
                f.get(0).message());
    }

    @Test
    void bytesMissingFromTheCaptureAreOneCapGapPerDirection() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "o");
        s.renew(c);
        assertTrue(of(s.analyze(), "CAP-GAP").isEmpty(), "a complete capture has no gap");
        c.flow.client().lose(org.nfslockscope.testing.Rpc.call(0x900, 100003, 4, 1).authSys("h", 0, 0)
                .body(new byte[40]));
        s.renew(c);
        s.renew(c);
        List<Finding> f = of(s.analyze(), "CAP-GAP");
        assertEquals(1, f.size(), s.analyze().toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).message().contains("10.0.0.3:800 -> 10.0.0.1:2049"), f.get(0).message());
    }

    /**
     * The rules follow the RFC, not one client's habits: a client whose owner seqids start at 1
     * (as RFC 7530 suggests) or at a large value, that uses one lock-owner per process, and that
     * never CLOSEs, raises nothing.
     */
    @Test
    void anotherClientImplementationRaisesNoFalseAlarm() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client fromOne = s.client("10.0.0.3", 800, 0x1111L, "process-101");
        fromOne.lockSeqid = 1;
        Nfs4Scenario.Client fromLarge = s.client("10.0.0.4", 802, 0x3333L, "process-7");
        fromLarge.lockSeqid = 0x7ffffff0;
        for (int i = 0; i < 3; i++) {
            s.lock(fromOne, Nfs4Scenario.WRITE_LT, i * 100L, 10, false, 0);
            s.lock(fromLarge, Nfs4Scenario.READ_LT, 5000 + i * 100L, 10, false, 0);
            s.after(1);
            s.renew(fromOne);
            s.renew(fromLarge);
        }
        s.locku(fromOne, 0, 10);
        List<Finding> all = s.analyze();
        assertTrue(all.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING)), all.toString());
    }
}
