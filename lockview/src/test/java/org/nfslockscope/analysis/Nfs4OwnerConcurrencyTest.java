package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.testing.Message;

/** V40-OWNER-CONCURRENT on built NFSv4.0 captures, with its near misses. */
class Nfs4OwnerConcurrencyTest {

    @Test
    void aSecondSeqidSentBeforeTheFirstIsAnsweredIsAWarning() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Message first = s.lockCall(c, Nfs4Scenario.WRITE_LT, 0, 10, false);
        Message second = s.lockCall(c, Nfs4Scenario.WRITE_LT, 20, 10, false);
        s.lockReply(c, first, 0);
        s.lockReply(c, second, 0);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "V40-OWNER-CONCURRENT");
        assertEquals(1, f.size(), all.toString());
        assertEquals(second.frame(), f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).frames().contains((long) first.frame()), f.get(0).frames().toString());
    }

    @Test
    void requestsOneAtATimeOtherOwnersAndAnOldLostRequestAreQuiet() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client other = s.client("10.0.0.3", 801, 0x1111L, "owner-two");
        s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        Message lost = s.lockCall(c, Nfs4Scenario.WRITE_LT, 20, 10, false);
        s.lock(other, Nfs4Scenario.WRITE_LT, 40, 10, false, 0); // another owner meanwhile
        s.capture.time(s.capture.now() + 61 * Settings.SECOND);
        s.lock(c, Nfs4Scenario.WRITE_LT, 60, 10, false, 0); // the earlier one is long lost
        Message resent = s.lockCall(c, Nfs4Scenario.WRITE_LT, 80, 10, false);
        c.lockSeqid--;
        s.lockCall(c, Nfs4Scenario.WRITE_LT, 80, 10, false); // the same seqid again: a resync, not a rival
        s.lockReply(c, resent, 0);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "V40-OWNER-CONCURRENT").isEmpty(), all.toString());
        assertTrue(lost.frame() > 0);
    }
}
