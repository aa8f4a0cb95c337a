package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmLock;

/** NLM-BLOCKED-STALLED, NLM-RECLAIM-UNHELD and NLM-REBOOT-NO-RECLAIM on built captures, with near misses. */
class NlmRecoveryRulesTest {
    private static final int GRANTED = 0;
    private static final int BLOCKED = 3;
    private static final int GRACE = 4;

    // ---- NLM-BLOCKED-STALLED ----------------------------------------------------------

    @Test
    void waiterNeverWokenAfterItsBlockerUnlockedIsStalled() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmLock held = a.lock(100, 0, 100);
        s.lock(a, held, true, false, false, GRANTED);
        int[] blocked = s.lock(b, b.lock(200, 0, 100), true, true, false, BLOCKED);
        int[] unlock = s.unlock(a, held, GRANTED);
        s.after(20);
        s.test(a, a.lock(100, 900, 1), true);
        assertTrue(of(s.analyze(), "NLM-BLOCKED-STALLED").isEmpty(), "judged before T_wake passed");
        s.after(20);
        s.test(a, a.lock(100, 900, 1), true);
        List<Finding> f = of(s.analyze(), "NLM-BLOCKED-STALLED");
        assertEquals(1, f.size(), f.toString());
        assertEquals(blocked[1], f.get(0).frame());
        assertTrue(f.get(0).frames().contains((long) unlock[0]), f.get(0).frames().toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
    }

    @Test
    void aGrantedRePollOrAnotherWaiterHoldingItIsNoStall() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmScenario.Client c = s.client("10.0.0.4", 802);
        NlmLock held = a.lock(100, 0, 100);
        s.lock(a, held, true, false, false, GRANTED);
        s.lock(b, b.lock(200, 0, 100), true, true, false, BLOCKED);
        s.lock(c, c.lock(40, 0, 100), true, true, false, BLOCKED);
        s.unlock(a, held, GRANTED);
        // C is woken and keeps the lock: B is still legitimately blocked
        byte[] ck = new byte[4];
        s.grantedMsg(c, c.lock(40, 0, 100), true, ck);
        s.grantedRes(c, ck, GRANTED);
        s.after(20);
        s.unlock(c, c.lock(40, 0, 100), GRANTED);
        // B polls 30 s after its last blocker left and gets it
        s.after(30);
        s.lock(b, b.lock(200, 0, 100), true, true, false, GRANTED);
        s.after(60);
        s.test(a, a.lock(100, 900, 1), true);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "NLM-BLOCKED-STALLED").isEmpty(), all.toString());
    }

    @Test
    void aWaiterWhoseBlockerTheCaptureNeverSawIsNotJudged() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        s.lock(b, b.lock(200, 0, 100), true, true, false, BLOCKED);
        s.after(60);
        s.test(b, b.lock(200, 900, 1), true);
        assertTrue(of(s.analyze(), "NLM-BLOCKED-STALLED").isEmpty());
    }

    // ---- NLM-RECLAIM-UNHELD -----------------------------------------------------------

    /** A holds WRITE 0-100; the server restarts well after the first lease of the capture. */
    private static NlmScenario restartedAfter(long seconds, NlmScenario.Client[] clients) {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        clients[0] = a;
        clients[1] = b;
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        s.after(seconds);
        s.lock(b, b.lock(200, 1000, 10), true, false, false, GRACE);
        return s;
    }

    @Test
    void reclaimOfALockNotHeldAtTheRestartIsReported() {
        NlmScenario.Client[] c = new NlmScenario.Client[2];
        NlmScenario s = restartedAfter(100, c);
        NlmScenario.Client a = c[0];
        // held: WRITE 0-100; a READ of a part of it, with new owner bytes, is a fair reclaim
        s.lock(a, a.lock(101, 0, 100), true, false, true, GRANTED);
        s.lock(a, a.lock(102, 10, 20), false, false, true, GRANTED);
        int[] unheld = s.lock(a, a.lock(100, 500, 10), true, false, true, GRANTED);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "NLM-RECLAIM-UNHELD");
        assertEquals(1, f.size(), all.toString());
        assertEquals(unheld[0], f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
    }

    @Test
    void reclaimWhenThePreRestartStateIsUnknownIsOnlyInfo() {
        NlmScenario.Client[] c = new NlmScenario.Client[2];
        NlmScenario s = restartedAfter(5, c);
        NlmScenario.Client b = c[1];
        // A's reclaim matches what the capture saw it hold: quiet even though the state is not fully known
        s.lock(c[0], c[0].lock(100, 0, 100), true, false, true, GRANTED);
        s.lock(b, b.lock(200, 500, 10), true, false, true, GRANTED);
        List<Finding> f = of(s.analyze(), "NLM-RECLAIM-UNHELD");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).message().contains("pre-capture"), f.get(0).message());
    }

    // ---- NLM-REBOOT-NO-RECLAIM --------------------------------------------------------

    @Test
    void aNotifiedHostThatNeverReclaimsIsReportedAfterGrace() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmScenario.Client c = s.client("10.0.0.4", 802);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        s.lock(b, b.lock(200, 200, 100), true, false, false, GRANTED);
        s.lock(c, c.lock(40, 400, 100), true, false, false, GRANTED);
        s.unlock(c, c.lock(40, 400, 100), GRANTED);
        s.after(10);
        int restart = s.smNotifyFromServer(a, "server", 5);
        s.smNotifyFromServer(b, "server", 5);
        s.smNotifyFromServer(c, "server", 5);
        s.lock(a, a.lock(100, 0, 100), true, false, true, GRANTED);
        s.after(60);
        s.test(a, a.lock(100, 900, 1), true);
        assertTrue(of(s.analyze(), "NLM-REBOOT-NO-RECLAIM").isEmpty(), "judged before grace ended");
        s.after(40);
        s.test(a, a.lock(100, 900, 1), true);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "NLM-REBOOT-NO-RECLAIM");
        assertEquals(1, f.size(), all.toString());
        assertEquals(restart, f.get(0).frame());
        assertEquals("10.0.0.2", f.get(0).toJson().get("clientId"), f.get(0).toJson().toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
    }

    @Test
    void aHostNoSmNotifyWasSeenGoingToIsOnlyInfo() {
        NlmScenario.Client[] c = new NlmScenario.Client[2];
        NlmScenario s = restartedAfter(10, c);
        s.after(100);
        s.test(c[1], c[1].lock(200, 900, 1), true);
        s.test(c[1], c[1].lock(200, 900, 1), true);
        List<Finding> f = of(s.analyze(), "NLM-REBOOT-NO-RECLAIM");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
    }
}
