package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.testing.Message;

/**
 * The end of grace is an interval (notes §2.7.4): a grace refusal to a request sent before the
 * first non-reclaim grant was answered may have been decided before that grant, so it is no new
 * restart. A refusal to a request sent after the grant was answered is one.
 */
class GraceEndTest {
    private static final int V4_GRACE = 10013;

    /** A lock held, then a grace refusal 100 s later: the server restarted once. */
    private static Nfs4Scenario restarted() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client a = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
        Nfs4Scenario.Client b = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(a, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        s.after(100);
        s.lock(b, Nfs4Scenario.WRITE_LT, 50, 10, false, V4_GRACE);
        s.after(100);
        return s;
    }

    @Test
    void aRefusalAskedBeforeTheFirstGrantWasAnsweredIsTheSameGrace() {
        Nfs4Scenario s = restarted();
        Nfs4Scenario.Client c = s.client("10.0.0.4", 802, 0x3333L, "owner-three");
        Nfs4Scenario.Client d = s.client("10.0.0.5", 803, 0x4444L, "owner-four");
        Message granted = s.lockCall(c, Nfs4Scenario.WRITE_LT, 500, 10, false);
        Message refused = s.lockCall(d, Nfs4Scenario.WRITE_LT, 600, 10, false);
        s.lockReply(c, granted, 0);
        s.lockReply(d, refused, V4_GRACE);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "X-SERVER-RESTART").size(), all.toString());
        assertEquals(2, of(all, "V4-GRACE-DENIED").size(), all.toString());
    }

    @Test
    void aRefusalAskedAfterTheFirstGrantWasAnsweredIsANewRestart() {
        Nfs4Scenario s = restarted();
        Nfs4Scenario.Client c = s.client("10.0.0.4", 802, 0x3333L, "owner-three");
        Nfs4Scenario.Client d = s.client("10.0.0.5", 803, 0x4444L, "owner-four");
        Message granted = s.lockCall(c, Nfs4Scenario.WRITE_LT, 500, 10, false);
        s.lockReply(c, granted, 0);
        s.after(1);
        Message refused = s.lockCall(d, Nfs4Scenario.WRITE_LT, 600, 10, false);
        Message answer = s.lockReply(d, refused, V4_GRACE);
        List<Finding> all = s.analyze();
        List<Finding> restarts = of(all, "X-SERVER-RESTART");
        assertEquals(2, restarts.size(), all.toString());
        assertEquals(answer.frame(), restarts.get(1).frame());
    }

    private static final int NLM_GRACE = 4;

    /** An NLM LOCK sent alone, its answer to come with {@link #nlmLockReply}. */
    private static Message nlmLockCall(NlmScenario s, NlmScenario.Client c, NlmLock l, int cookie) {
        return s.call(c.toServer, 2, new NlmXdr().opaque(new byte[] {0, 0, 1, (byte) cookie}).bool(false).bool(true)
                .lock(true, l).bool(false).u32(3).bytes());
    }

    private static void nlmLockReply(NlmScenario s, NlmScenario.Client c, Message call, int cookie, int stat) {
        s.reply(c.toServer, call, new NlmXdr().opaque(new byte[] {0, 0, 1, (byte) cookie}).u32(stat).bytes());
    }

    /** The same for NLM: DENIED_GRACE_PERIOD to a LOCK sent before the first grant was answered. */
    @Test
    void nlmRefusalsFollowTheSameInterval() {
        for (boolean askedAfter : new boolean[] {false, true}) {
            NlmScenario s = new NlmScenario();
            NlmScenario.Client a = s.client("10.0.0.3", 700);
            NlmScenario.Client b = s.client("10.0.0.2", 701);
            NlmScenario.Client c = s.client("10.0.0.4", 702);
            NlmScenario.Client d = s.client("10.0.0.5", 703);
            s.lock(a, a.lock(100, 0, 100), true, false, false, 0);
            s.after(100);
            s.lock(b, b.lock(200, 50, 10), true, false, false, NLM_GRACE);
            s.after(100);
            Message granted = nlmLockCall(s, c, c.lock(51, 500, 10), 1);
            Message refused = askedAfter ? null : nlmLockCall(s, d, d.lock(68, 600, 10), 2);
            nlmLockReply(s, c, granted, 1, 0);
            if (askedAfter) {
                s.after(1);
                refused = nlmLockCall(s, d, d.lock(68, 600, 10), 2);
            }
            nlmLockReply(s, d, refused, 2, NLM_GRACE);
            List<Finding> all = s.analyze();
            assertEquals(askedAfter ? 2 : 1, of(all, "X-SERVER-RESTART").size(), askedAfter + " " + all);
        }
    }
}
