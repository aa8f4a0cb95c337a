package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/** V40-REPLAY-REPLY-DIFFERS on built NFSv4.0 captures: owner-level replays and the server's cached reply. */
class ReplayReplyRuleTest {
    private final Nfs4Scenario s = new Nfs4Scenario();
    private final Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "owner-one");

    @Test
    void aReplayAnsweredDifferentlyFromTheOriginalIsAnError() {
        int[] first = s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        c.lockSeqid = 0; // the same LOCK again under a new XID: an owner-level replay
        int[] replay = s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 10010);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "V40-OWNER-REPLAY").size(), all.toString());
        List<Finding> f = of(all, "V40-REPLAY-REPLY-DIFFERS");
        assertEquals(1, f.size(), all.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals(replay[1], f.get(0).frame());
        assertTrue(f.get(0).frames().containsAll(List.of((long) first[0], (long) first[1])), f.get(0).frames().toString());
    }

    @Test
    void aReplayGivenTheCachedReplyIsOnlyAReplay() {
        s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        c.lockSeqid = 0;
        s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "V40-OWNER-REPLAY").size(), all.toString());
        assertEquals(List.of(), of(all, "V40-REPLAY-REPLY-DIFFERS"));
    }

    @Test
    void aRequestRetriedAfterANonMovingErrorIsNoReplay() {
        s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        s.lock(c, Nfs4Scenario.WRITE_LT, 20, 10, false, 10026); // BAD_SEQID does not move the owner on
        c.lockSeqid = 1;
        s.lock(c, Nfs4Scenario.WRITE_LT, 20, 10, false, 0);
        assertEquals(List.of(), of(s.analyze(), "V40-REPLAY-REPLY-DIFFERS"));
    }
}
