package org.nfslockscope.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.nlm.DecodedCapture.Message;
import org.nfslockscope.nsm.Mon;
import org.nfslockscope.nsm.MyId;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.TestCaptures;

/** Frame-level facts from ../shared/captures/README.md, checked on our decoding of the real captures. */
class NlmCaptureFactsTest {

    private static List<Message> capture(String name) {
        Path p = TestCaptures.sharedCapture(name);
        assumeTrue(p != null && Files.exists(p), "shared capture " + name + " not present");
        return DecodedCapture.nlmAndNsm(p);
    }

    private static NlmBody nlm(List<Message> messages, long frame) {
        Message m = DecodedCapture.at(messages, frame);
        assertEquals(Programs.NLM, m.program());
        NlmMessage body = (NlmMessage) m.body();
        assertNull(body.damage(), "frame " + frame);
        return body.body();
    }

    @Test
    void basicContentionGranted() {
        List<Message> msgs = capture("nlm-basic-contention-granted.pcap");
        LockArgs a = (LockArgs) nlm(msgs, 25);
        assertTrue(a.exclusive() && !a.block() && !a.reclaim());
        assertEquals(100, a.lock().svid());
        assertEquals(0, a.lock().offset());
        assertEquals(100, a.lock().length());
        assertEquals(new Res(a.cookieHex(), NlmStat.GRANTED), nlm(msgs, 43));

        TestRes denied = (TestRes) nlm(msgs, 45);
        assertEquals(NlmStat.DENIED, denied.stat());
        assertEquals(100, denied.holder().svid());
        assertTrue(denied.holder().exclusive());
        assertEquals(100, denied.holder().length());

        LockArgs blocking = (LockArgs) nlm(msgs, 52);
        assertTrue(blocking.block());
        assertEquals(new Res(blocking.cookieHex(), NlmStat.BLOCKED), nlm(msgs, 55));
        assertEquals("NLM4_BLOCKED", NlmStat.name(4, ((Res) nlm(msgs, 55)).stat()));

        Message grantedMsg = DecodedCapture.at(msgs, 61);
        assertEquals(NlmProc.GRANTED_MSG, grantedMsg.procedure());
        assertEquals("127.0.0.2:32803", grantedMsg.dst());
        TestArgs granted = (TestArgs) nlm(msgs, 61);
        assertEquals(200, granted.lock().svid());
        assertEquals(0, granted.lock().offset());
        assertEquals(100, granted.lock().length());
        // GRANTED_RES is a call from B, echoing the server's own cookie (not B's LOCK cookie).
        assertEquals(NlmProc.GRANTED_RES, DecodedCapture.at(msgs, 62).procedure());
        assertEquals(new Res(granted.cookieHex(), NlmStat.GRANTED), nlm(msgs, 62));

        assertEquals(200, ((TestRes) nlm(msgs, 68)).holder().svid());
        assertEquals(0, ((LockArgs) nlm(msgs, 111)).lock().length(), "whole file");
        CancelArgs cancel = (CancelArgs) nlm(msgs, 134);
        assertEquals(new Res(cancel.cookieHex(), NlmStat.GRANTED), nlm(msgs, 137));

        Mon mon = (Mon) ((org.nfslockscope.nsm.NsmMessage) DecodedCapture.at(msgs, 39).body()).body();
        assertEquals("127.0.0.3", mon.monId().monName());
        MyId callback = mon.monId().myId();
        assertEquals(Programs.NLM, callback.myProg());
    }

    @Test
    void serverRestartGrace() {
        List<Message> msgs = capture("nlm-server-restart-grace.pcap");
        assertEquals(NlmStat.DENIED_GRACE_PERIOD, ((Res) nlm(msgs, 66)).stat());
        assertTrue(((LockArgs) nlm(msgs, 67)).reclaim());
        assertEquals(NlmStat.GRANTED, ((Res) nlm(msgs, 85)).stat());
        assertEquals(NlmStat.DENIED_GRACE_PERIOD, ((TestRes) nlm(msgs, 87)).stat());
        assertEquals(NlmStat.DENIED, ((Res) nlm(msgs, 108)).stat());
        assertTrue(((LockArgs) nlm(msgs, 109)).reclaim());
        assertEquals(NlmStat.DENIED_GRACE_PERIOD, ((Res) nlm(msgs, 110)).stat());
    }

    @Test
    void retransmittedLockInBackgroundNoise() {
        List<Message> msgs = capture("background-noise-mixed.pcapng");
        Message first = DecodedCapture.at(msgs, 14520);
        Message again = DecodedCapture.at(msgs, 14538);
        assertEquals(0xe7f18b32, first.xid());
        assertEquals(first.xid(), again.xid());
        LockArgs a = (LockArgs) nlm(msgs, 14520);
        assertEquals(a, nlm(msgs, 14538));
        assertEquals(300, a.lock().svid());
        assertEquals(new Res(a.cookieHex(), NlmStat.GRANTED), nlm(msgs, 14543));
        assertEquals(nlm(msgs, 14543), nlm(msgs, 14544));
        long lockGrants = msgs.stream().filter(m -> !m.call() && m.procedure() == NlmProc.LOCK
                && m.body() instanceof NlmMessage n && n.body() instanceof Res r && r.stat() == NlmStat.GRANTED).count();
        assertEquals(203, lockGrants, "200 requests plus 3 duplicate replies");
    }
}
