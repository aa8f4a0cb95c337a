package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.Rpc;

/**
 * Messages the capture lost are damage, not protocol errors: once a reply shows up whose call
 * the capture does not hold, that call may have released a lock, so the client's locks on that
 * server are only inferred and a conflicting grant is info. Another client is not affected.
 * Likewise a TCP gap: a request in it may have moved an owner's seqid or a slot's sequenceid on,
 * so the next jump is no V40-SEQID-GAP or V41-SLOT-MISORDER; the gap itself is the CAP-GAP.
 */
class LostMessagesTest {
    private static final int GRANTED = 0;

    private static List<Finding> doubleGrants(boolean unlockCallLost, boolean lostOnOtherClient) {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmScenario.Client c = s.client("10.0.0.4", 802);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        if (unlockCallLost) {
            // Only the reply to a's UNLOCK made it into the capture.
            NlmScenario.Client lost = lostOnOtherClient ? c : a;
            lost.toServer.reply(Rpc.reply(0x7777).body(new NlmXdr().opaque(new byte[] {9, 9, 9, 9}).u32(GRANTED)
                    .bytes()));
        }
        s.lock(b, b.lock(200, 50, 10), true, false, false, GRANTED);
        return s.analyze().stream().filter(f -> f.id().equals("X-DOUBLE-GRANT")).toList();
    }

    @Test
    void aConflictingGrantAfterTheHoldersCallWasLostIsInfo() {
        List<Finding> f = doubleGrants(true, false);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @Test
    void withNothingLostItIsAnError() {
        List<Finding> f = doubleGrants(false, false);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
    }

    @Test
    void aCallLostByAnotherClientLeavesTheHolderKnown() {
        List<Finding> f = doubleGrants(true, true);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
    }

    /** A request the capture lost on the client's connection (its bytes never reach the reader). */
    private static void loseARequest(Nfs4Scenario.Client c) {
        c.flow.client().lose(Rpc.call(0x9999, Programs.NFS, 4, 1).authSys("h", 0, 0).body(200, 3));
        c.flow.server().ackAll(); // the server acknowledges the lost bytes: they were sent, the capture missed them
    }

    private static List<Finding> seqidFindings(boolean lost) {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        if (lost) {
            loseARequest(c);
        }
        c.lockSeqid++; // the seqid the lost request would have used (or a real skip)
        s.locku(c, 0, 10);
        return s.analyze();
    }

    @Test
    void anOwnerSeqidJumpOverATcpGapIsNoSeqidGap() {
        List<Finding> lost = seqidFindings(true);
        assertEquals(0, lost.stream().filter(f -> f.id().equals("V40-SEQID-GAP")).count(), lost.toString());
        assertEquals(1, lost.stream().filter(f -> f.id().equals("CAP-GAP")).count(), lost.toString());
        List<Finding> skipped = seqidFindings(false);
        assertEquals(1, skipped.stream().filter(f -> f.id().equals("V40-SEQID-GAP")).count(), skipped.toString());
    }

    private static List<Finding> slotFindings(boolean lost) {
        String session = "0102030405060708090a0b0c0d0e0f10";
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        s.createSession(c, session);
        s.sequence(c, session, 1, 0, 0, 0);
        if (lost) {
            loseARequest(c);
        }
        s.sequence(c, session, 3, 0, 0, 0);
        return s.analyze();
    }

    @Test
    void aSlotSequenceJumpOverATcpGapIsNoMisorder() {
        List<Finding> lost = slotFindings(true);
        assertEquals(0, lost.stream().filter(f -> f.id().equals("V41-SLOT-MISORDER")).count(), lost.toString());
        List<Finding> skipped = slotFindings(false);
        assertEquals(1, skipped.stream().filter(f -> f.id().equals("V41-SLOT-MISORDER")
                && f.severity() == Severity.ERROR).count(), skipped.toString());
    }
}
