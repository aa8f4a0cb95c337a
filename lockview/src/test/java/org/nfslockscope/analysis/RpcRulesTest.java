package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;

/** RPC-AUTH-FAIL, RPC-NO-REPLY and RPC-ORPHAN-REPLY on built NLM captures, with near misses. */
class RpcRulesTest {
    private static final int GRANTED = 0;
    private static final int LOCK = 2;
    private static final int LOCK_MSG = 7;

    private static byte[] lockArgs(NlmLock l) {
        return new NlmXdr().opaque(new byte[] {9, 9, 9, 9}).bool(false).bool(true).lock(true, l).bool(false).u32(3)
                .bytes();
    }

    @Test
    void aRefusedLockIsAWarningAndARefusedNullIsInfo() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Message lock = s.call(a.toServer, LOCK, lockArgs(a.lock(100, 0, 10)));
        Message denied = a.toServer.reply(Rpc.reply(lock.xid()).denied(1, 1));
        Message ping = s.call(a.toServer, 0, new byte[0]);
        Message unavailable = a.toServer.reply(Rpc.reply(ping.xid()).acceptStat(3));
        s.lock(a, a.lock(100, 0, 10), true, false, false, GRANTED);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "RPC-AUTH-FAIL");
        assertEquals(2, f.size(), all.toString());
        assertEquals(denied.frame(), f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).frames().contains((long) lock.frame()));
        assertEquals(unavailable.frame(), f.get(1).frame());
        assertEquals(Severity.INFO, f.get(1).severity());
        assertTrue(of(all, "X-DOUBLE-GRANT").isEmpty(), "a refused request changes no lock");
    }

    @Test
    void aLockLeftUnansweredWhileTrafficGoesOnIsAWarning() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        Rpc lock = Rpc.call(0x77, org.nfslockscope.rpc.Programs.NLM, 4, LOCK).authSys("h", 0, 0)
                .body(lockArgs(a.lock(100, 0, 10)));
        Message hung = a.toServer.send(lock);
        s.after(30);
        a.toServer.send(lock);
        s.after(31);
        s.lock(b, b.lock(200, 500, 10), true, false, false, GRANTED);
        List<Finding> f = of(s.analyze(), "RPC-NO-REPLY");
        assertEquals(1, f.size(), f.toString());
        assertEquals(hung.frame(), f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).message().contains("2 transmission"), f.get(0).message());
    }

    @Test
    void asyncCallsRetransmissionsAnsweredAndCallsCutByTheCaptureEndAreNotHangs() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        s.call(a.toServer, LOCK_MSG, lockArgs(a.lock(100, 0, 10)));
        Rpc lock = Rpc.call(0x78, org.nfslockscope.rpc.Programs.NLM, 4, LOCK).authSys("h", 0, 0)
                .body(lockArgs(a.lock(100, 0, 10)));
        a.toServer.send(lock);
        s.after(40);
        a.toServer.send(lock);
        a.toServer.reply(Rpc.reply(0x78).body(new NlmXdr().opaque(new byte[] {9, 9, 9, 9}).u32(GRANTED).bytes()));
        s.after(30);
        Message last = s.call(a.toServer, LOCK, lockArgs(a.lock(100, 50, 10)));
        s.after(20);
        s.test(a, a.lock(100, 900, 1), true);
        List<Finding> all = s.analyze();
        List<Finding> f = of(all, "RPC-NO-REPLY");
        assertEquals(1, f.size(), all.toString());
        assertEquals(last.frame(), f.get(0).frame());
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @Test
    void orphanRepliesAreSummedPerEndpointPairAndIgnoredAtCaptureStart() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        byte[] res = new NlmXdr().opaque(new byte[] {1, 2, 3, 4}).u32(GRANTED).bytes();
        a.toServer.reply(Rpc.reply(0x9001).body(res));
        s.after(10);
        s.test(a, a.lock(100, 0, 1), true);
        Message first = a.toServer.reply(Rpc.reply(0x9002).body(res));
        a.toServer.reply(Rpc.reply(0x9003).body(res));
        a.toServer.reply(Rpc.reply(0x9004).body(res));
        List<Finding> f = of(s.analyze(), "RPC-ORPHAN-REPLY");
        assertEquals(1, f.size(), f.toString());
        assertEquals(first.frame(), f.get(0).frame());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).message().startsWith("3 "), f.get(0).message());
    }
    @Test
    void answersReachTheirRequestsAfterTheWaitQueueMovedOnAndGrew() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        for (int i = 0; i < 5; i++) {
            Message m = s.call(a.toServer, 0, new byte[0]);
            a.toServer.reply(Rpc.reply(m.xid()));
        }
        // More requests than the queue first holds, its head moved on: it grows around its end.
        List<Message> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(s.call(a.toServer, 0, new byte[0]));
        }
        for (int i = 0; i < calls.size(); i++) {
            if (i != 17) {
                a.toServer.reply(Rpc.reply(calls.get(i).xid()));
            }
        }
        s.capture.time(s.capture.now() + 61 * Settings.SECOND);
        s.call(a.toServer, 0, new byte[0]);
        List<Finding> f = of(s.analyze(), "RPC-NO-REPLY");
        assertEquals(2, f.size(), f.toString());
        assertEquals(calls.get(17).frame(), f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals(Severity.INFO, f.get(1).severity(), "the last call, cut short by the capture end");
    }

    @Test
    void theOldestOfTooManyUnansweredRequestsIsForgottenNotReported() {
        NlmScenario s = new NlmScenario();
        s.capture.step(1000); // all within a second: none of them hangs before the capture ends
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        for (int i = 0; i < 5; i++) {
            Message m = s.call(a.toServer, 0, new byte[0]);
            a.toServer.reply(Rpc.reply(m.xid()));
        }
        Message first = s.call(a.toServer, 0, new byte[0]);
        Message second = s.call(a.toServer, 0, new byte[0]);
        for (int i = 2; i <= RpcRules.MAX_OUTSTANDING; i++) {
            s.call(a.toServer, 0, new byte[0]);
        }
        List<Finding> f = of(s.analyzeAll(), "RPC-NO-REPLY");
        assertEquals(RpcRules.MAX_OUTSTANDING, f.size());
        assertEquals(second.frame(), f.get(0).frame());
        assertTrue(f.stream().noneMatch(x -> x.frame() == first.frame()));
    }
}
