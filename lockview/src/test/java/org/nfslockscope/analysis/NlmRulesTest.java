package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmLock;

/** Each NLM/NSM rule fires on a capture built to trigger it, and stays quiet on its near misses. */
class NlmRulesTest {
    private static final int GRANTED = 0;
    private static final int DENIED = 1;
    private static final int BLOCKED = 3;
    private static final int GRACE = 4;

    private static List<Finding> of(List<Finding> all, String id) {
        return all.stream().filter(f -> f.id().equals(id)).toList();
    }

    private static void assertNone(List<Finding> all, String id) {
        assertTrue(of(all, id).isEmpty(), id + " raised: " + of(all, id));
    }

    @Test
    void conflictingGrantToAnotherOwnerIsADoubleGrant() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        int[] second = s.lock(b, b.lock(200, 50, 10), true, false, false, GRANTED);
        List<Finding> f = of(s.analyze(), "X-DOUBLE-GRANT");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals(second[1], f.get(0).frame());
    }

    @Test
    void sharedLocksUnlockBeforeGrantAndSameOwnerUpgradeAreNoDoubleGrant() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        s.lock(a, a.lock(100, 0, 100), false, false, false, GRANTED);
        s.lock(b, b.lock(200, 0, 100), false, false, false, GRANTED);
        s.unlock(a, a.lock(100, 0, 100), GRANTED);
        s.unlock(b, b.lock(200, 0, 100), GRANTED);
        s.lock(a, a.lock(100, 0, 100), false, false, false, GRANTED);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        // the unlock's call is enough: the server may wake a waiter before it answers
        s.unlockCall(a, a.lock(100, 0, 100));
        s.lock(b, b.lock(200, 100, 0), true, false, false, GRANTED);
        s.lock(b, b.lock(200, 0, 100), true, false, false, GRANTED);
        List<Finding> all = s.analyze();
        assertNone(all, "X-DOUBLE-GRANT");
        assertTrue(all.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING)), all.toString());
    }

    @Test
    void grantAfterCancelIsReported() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmLock held = a.lock(100, 0, 0);
        NlmLock wanted = b.lock(200, 0, 0);
        s.lock(a, held, true, false, false, GRANTED);
        s.lock(b, wanted, true, true, false, BLOCKED);
        int[] cancel = s.cancel(b, wanted, true, GRANTED);
        s.unlock(a, held, GRANTED);
        byte[] ck = new byte[4];
        int granted = s.grantedMsg(b, wanted, true, ck);
        s.grantedRes(b, ck, DENIED);
        List<Finding> f = of(s.analyze(), "NLM-GRANTED-AFTER-CANCEL");
        assertEquals(1, f.size(), f.toString());
        assertEquals(granted, f.get(0).frame());
        assertTrue(f.get(0).frames().contains((long) cancel[0]));
    }

    @Test
    void wakeUpOfAWaiterIsQuietAndItsLockIsHeld() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmLock held = a.lock(100, 0, 100);
        NlmLock wanted = b.lock(200, 0, 100);
        s.lock(a, held, true, false, false, GRANTED);
        s.lock(b, wanted, true, true, false, BLOCKED);
        s.unlockCall(a, held);
        byte[] ck = new byte[4];
        s.grantedMsg(b, wanted, true, ck);
        s.grantedRes(b, ck, GRANTED);
        // A now asks again and is told no: B holds it
        s.lock(a, held, true, false, false, DENIED);
        List<Finding> all = s.analyze();
        assertTrue(all.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING)), all.toString());
        assertNone(all, "NLM-GRANTED-UNKNOWN");
        assertNone(all, "X-WAITS-FOR");
    }

    @Test
    void unacknowledgedGrantedMsgIsReportedOnlyAfterTheServersWait() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmLock wanted = b.lock(200, 0, 100);
        s.lock(b, wanted, true, true, false, BLOCKED);
        byte[] ck = new byte[4];
        int granted = s.grantedMsg(b, wanted, true, ck);
        s.after(30);
        s.lock(b, b.lock(201, 500, 1), true, false, false, GRANTED);
        assertNone(s.analyze(), "NLM-GRANTED-UNACKED");
        s.after(40);
        s.lock(b, b.lock(202, 600, 1), true, false, false, GRANTED);
        List<Finding> f = of(s.analyze(), "NLM-GRANTED-UNACKED");
        assertEquals(1, f.size(), f.toString());
        assertEquals(granted, f.get(0).frame());
    }

    @Test
    void grantedForNoKnownWaiterIsInfo() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        byte[] ck = new byte[4];
        s.grantedMsg(b, b.lock(200, 0, 100), true, ck);
        s.grantedRes(b, ck, GRANTED);
        List<Finding> f = of(s.analyze(), "NLM-GRANTED-UNKNOWN");
        assertEquals(1, f.size());
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @Test
    void nsmParityAndRegression() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        s.smNotify(a, "hosta", 7);
        assertTrue(s.analyze().stream().noneMatch(f -> f.id().startsWith("NSM-NOTIFY-EVEN")
                || f.id().equals("NSM-STATE-REGRESS")));
        int even = s.smNotify(a, "hosta", 8);
        int back = s.smNotify(a, "hosta", 3);
        List<Finding> all = s.analyze();
        assertEquals(List.of((long) even), of(all, "NSM-NOTIFY-EVEN").stream().map(Finding::frame).toList());
        assertEquals(List.of((long) back), of(all, "NSM-STATE-REGRESS").stream().map(Finding::frame).toList());
    }

    @Test
    void clientRebootDropsItsLocksSoTheNextGrantIsNoConflict() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        int notify = s.smNotify(a, "10.0.0.3", 9);
        s.lock(b, b.lock(200, 0, 100), true, false, false, GRANTED);
        List<Finding> all = s.analyze();
        assertNone(all, "X-DOUBLE-GRANT");
        List<Finding> dropped = of(all, "NSM-REBOOT-LOCKS-DROPPED");
        assertEquals(1, dropped.size());
        assertEquals(notify, dropped.get(0).frame());
        assertTrue(dropped.get(0).message().contains("1 NLM lock"), dropped.get(0).message());
    }

    @Test
    void reclaimAfterTheObservedEndOfGraceIsReportedAndOneDuringGraceIsNot() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        s.after(5);
        int[] refused = s.lock(b, b.lock(200, 0, 100), true, false, false, GRACE);
        s.lock(a, a.lock(100, 0, 100), true, false, true, GRANTED);
        s.after(20);
        s.lock(b, b.lock(200, 0, 100), true, false, false, DENIED);
        int[] late = s.lock(a, a.lock(100, 500, 10), true, false, true, GRANTED);
        List<Finding> all = s.analyze();
        List<Finding> restart = of(all, "X-SERVER-RESTART");
        assertEquals(1, restart.size(), all.toString());
        assertEquals(refused[1], restart.get(0).frame());
        List<Finding> lateReclaims = of(all, "NLM-RECLAIM-OUTSIDE-GRACE");
        assertEquals(1, lateReclaims.size(), all.toString());
        assertEquals(late[0], lateReclaims.get(0).frame());
        assertEquals(Severity.ERROR, lateReclaims.get(0).severity());
        assertNone(all, "X-DOUBLE-GRANT");
    }

    @Test
    void twoOwnersBlockedOnEachOtherAreADeadlock() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        s.lock(a, a.lock(100, 0, 10), true, false, false, GRANTED);
        s.lock(b, b.lock(200, 10, 10), true, false, false, GRANTED);
        s.lock(a, a.lock(100, 10, 10), true, true, false, BLOCKED);
        assertNone(s.analyze(), "X-DEADLOCK");
        assertEquals(1, of(s.analyze(), "X-WAITS-FOR").size());
        s.lock(b, b.lock(200, 0, 10), true, true, false, BLOCKED);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "X-DEADLOCK").size(), all.toString());
        assertEquals(Severity.ERROR, of(all, "X-DEADLOCK").get(0).severity());
        assertEquals(2, of(all, "X-WAITS-FOR").size());
    }
}
