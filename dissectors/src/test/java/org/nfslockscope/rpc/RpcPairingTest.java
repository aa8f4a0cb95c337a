package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.PipelineRun;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

/** Call/reply pairing and retransmission detection, through the whole pipeline. */
class RpcPairingTest {
    private static final int NFS = 100003;
    private static final int NLM = 100021;

    @TempDir
    Path dir;

    private final CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet());
    private final Host client = b.host("192.168.1.10");
    private final Host other = b.host("192.168.1.11");
    private final Host server = b.host("192.168.1.1");

    private PipelineRun run() {
        PipelineRun r = PipelineRun.ofCapture(b.write(dir.resolve("p.pcap")));
        assertEquals(List.of(), r.internalErrors());
        return r;
    }

    private static Rpc compound(int xid, int seed) {
        return Rpc.call(xid, NFS, 4, 1).authSys("c", 0, 0).body(64, seed);
    }

    private static long callFrame(RpcEvent e) {
        return e.call() == null ? -1 : e.call().frame();
    }

    @Test
    void sameXidOnTwoConnectionsPairsPerConnection() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        TcpFlow c = b.tcp(other, 800, server, 2049).handshake();
        Message ca = a.call(compound(7, 1));
        Message cc = c.call(compound(7, 2));
        Message rc = c.reply(Rpc.reply(7).body(8, 3));
        Message ra = a.reply(Rpc.reply(7).body(8, 4));
        PipelineRun r = run();
        List<RpcEvent> replies = r.events().stream().filter(e -> !e.isCall()).toList();
        assertEquals(List.of((long) rc.frame(), (long) ra.frame()), replies.stream().map(RpcEvent::frame).toList());
        assertEquals(cc.frame(), callFrame(replies.get(0)));
        assertEquals(ca.frame(), callFrame(replies.get(1)));
        assertEquals(0, r.summary().rpc().orphanReplies());
        assertEquals(0, r.summary().rpc().retransmittedCalls());
    }

    @Test
    void retransmittedCallIsFlaggedAndItsReplyPairsWithTheFirst() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        Message first = a.call(compound(9, 1));
        Message again = a.call(compound(9, 1));
        Message reply = a.reply(Rpc.reply(9));
        Message dup = a.reply(Rpc.reply(9));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        assertEquals(4, ev.size());
        assertFalse(ev.get(0).retransmission());
        assertTrue(ev.get(1).retransmission());
        assertEquals(first.frame(), callFrame(ev.get(1)));
        assertEquals(again.frame(), ev.get(1).frame());
        assertEquals(first.frame(), callFrame(ev.get(2)));
        assertFalse(ev.get(2).retransmission());
        assertTrue(ev.get(3).retransmission(), "a second reply is a duplicate");
        assertEquals(dup.frame(), ev.get(3).frame());
        assertEquals(reply.frame(), ev.get(2).frame());
        assertEquals(1, r.summary().rpc().retransmittedCalls());
        assertEquals(1, r.summary().rpc().duplicateReplies());
    }

    @Test
    void sameXidWithDifferentArgumentsIsANewRequest() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        a.call(compound(9, 1));
        Message second = a.call(compound(9, 2));
        a.reply(Rpc.reply(9));
        PipelineRun r = run();
        assertFalse(r.events().get(1).retransmission());
        assertEquals(second.frame(), callFrame(r.events().get(2)));
    }

    @Test
    void orphanReplyHasNoCall() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        a.call(compound(1, 1));
        a.reply(Rpc.reply(1));
        a.reply(Rpc.reply(2));
        PipelineRun r = run();
        assertNull(r.one(2, false).call());
        assertEquals(-1, r.one(2, false).program());
        assertEquals(1, r.summary().rpc().orphanReplies());
    }

    @Test
    void udpPairsByEndpointsAndXid() {
        UdpFlow u1 = b.udp(client, 700, server, 2049);
        UdpFlow u2 = b.udp(other, 700, server, 2049);
        Message c1 = u1.send(Rpc.call(5, NLM, 4, 2).body(16, 1));
        Message c2 = u2.send(Rpc.call(5, NLM, 4, 3).body(16, 2));
        u2.reply(Rpc.reply(5));
        u1.reply(Rpc.reply(5));
        Message again = u1.send(Rpc.call(5, NLM, 4, 2).body(16, 1));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        assertEquals(c2.frame(), callFrame(ev.get(2)));
        assertEquals(3, ev.get(2).procedure());
        assertEquals(c1.frame(), callFrame(ev.get(3)));
        assertEquals(2, ev.get(3).procedure());
        assertTrue(ev.get(4).retransmission());
        assertEquals(again.frame(), ev.get(4).frame());
        assertEquals(Transport.UDP, ev.get(0).transport());
        assertEquals(-1, ev.get(0).connection());
    }

    @Test
    void retransmissionOnANewConnectionAfterAReconnectPairsWithTheOriginal() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        Message first = a.call(compound(0x42, 1));
        a.client().rst();
        TcpFlow again = b.tcp(client, 801, server, 2049).handshake();
        Message retry = again.call(compound(0x42, 1));
        Message reply = again.reply(Rpc.reply(0x42));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        assertEquals(3, ev.size());
        assertTrue(ev.get(1).retransmission());
        assertEquals(retry.frame(), ev.get(1).frame());
        assertEquals(first.frame(), callFrame(ev.get(1)));
        assertEquals(reply.frame(), ev.get(2).frame());
        assertEquals(first.frame(), callFrame(ev.get(2)), "the reply answers the original request");
        assertEquals(1, ev.get(2).connection());
    }

    @Test
    void retransmissionOnAThirdConnectionStillPairsWithTheOriginal() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        Message first = a.call(compound(0x42, 1));
        a.client().rst();
        TcpFlow second = b.tcp(client, 801, server, 2049).handshake();
        second.call(compound(0x42, 1));
        second.client().rst();
        TcpFlow third = b.tcp(client, 802, server, 2049).handshake();
        Message last = third.call(compound(0x42, 1));
        third.reply(Rpc.reply(0x42));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        assertEquals(4, ev.size());
        assertEquals(last.frame(), ev.get(2).frame());
        assertTrue(ev.get(2).retransmission());
        assertEquals(first.frame(), callFrame(ev.get(2)), "the original, not the first retransmission");
        assertEquals(first.frame(), callFrame(ev.get(3)));
        assertEquals(2, r.summary().rpc().retransmittedCalls());
    }

    @Test
    void retransmissionOnASecondConnectionWhileTheFirstIsOpenPairsWithTheOriginal() {
        // The first connection was its hosts' only one, so its calls were not filed across
        // connections until the second one opened (HostPairs).
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        a.call(compound(0x41, 1));
        a.reply(Rpc.reply(0x41));
        Message first = a.call(compound(0x42, 1));
        TcpFlow again = b.tcp(client, 801, server, 2049).handshake();
        Message retry = again.call(compound(0x42, 1));
        again.reply(Rpc.reply(0x42));
        Message fresh = again.call(compound(0x41, 1));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        assertEquals(6, ev.size());
        assertEquals(retry.frame(), ev.get(3).frame());
        assertTrue(ev.get(3).retransmission());
        assertEquals(first.frame(), callFrame(ev.get(3)));
        assertEquals(first.frame(), callFrame(ev.get(4)), "the reply answers the original request");
        assertEquals(fresh.frame(), ev.get(5).frame());
        assertFalse(ev.get(5).retransmission(), "a call answered before is not filed across connections");
    }

    @Test
    void callForgottenUnansweredByItsConnectionIsStillKnownWhenRepeated() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        Message first = a.call(compound(7, 1));
        // More calls than a connection keeps: the first, unanswered, is the first forgotten.
        for (int xid = 100; xid < 100 + RpcTracker.MAX_CALLS_PER_CONNECTION; xid++) {
            a.call(compound(xid, 2));
            a.reply(Rpc.reply(xid));
        }
        Message repeat = a.call(compound(7, 1));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        RpcEvent last = ev.get(ev.size() - 1);
        assertEquals(repeat.frame(), last.frame());
        assertTrue(last.retransmission());
        assertEquals(first.frame(), callFrame(last));
    }

    @Test
    void answeredCallRepeatedOnANewConnectionIsNotARetransmission() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        a.call(compound(0x42, 1));
        a.reply(Rpc.reply(0x42));
        a.client().rst();
        TcpFlow again = b.tcp(client, 801, server, 2049).handshake();
        again.call(compound(0x42, 1));
        PipelineRun r = run();
        assertFalse(r.events().get(2).retransmission());
    }

    @Test
    void callRepeatedAfterItsReplyAndASecondReplyBothPointAtTheOriginalCall() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        Message first = a.call(compound(0x43, 1));
        a.reply(Rpc.reply(0x43));
        Message again = a.call(compound(0x43, 1));
        Message second = a.reply(Rpc.reply(0x43));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        assertEquals(4, ev.size());
        RpcEvent retry = ev.get(2);
        assertEquals(again.frame(), retry.frame());
        assertTrue(retry.retransmission());
        assertEquals(ev.get(0).call(), retry.call(), "the answered call is remembered in full");
        assertEquals(second.frame(), ev.get(3).frame());
        assertTrue(ev.get(3).retransmission(), "a second reply is a duplicate");
        assertEquals(ev.get(0).call(), ev.get(3).call());
        assertEquals(first.frame(), callFrame(ev.get(3)));
        assertEquals(1, r.summary().rpc().duplicateReplies());
        assertEquals(1, r.summary().rpc().retransmittedCalls());
    }

    @Test
    void backchannelCallsFromTheServerPairWithTheClientsReplies() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        Message fore = a.call(compound(1, 1));
        // CB_COMPOUND on the client's own connection, with an xid that the fore channel also uses.
        Message back = a.reply(Rpc.call(1, 0x40000000, 1, 1).body(32, 2));
        Message backReply = a.call(Rpc.reply(1).body(8, 3));
        Message foreReply = a.reply(Rpc.reply(1).body(8, 4));
        PipelineRun r = run();
        List<RpcEvent> ev = r.events();
        assertEquals(4, ev.size());
        assertTrue(ev.get(1).isCall());
        assertEquals(server.port(2049), ev.get(1).src());
        assertEquals(back.frame(), callFrame(ev.get(2)));
        assertEquals(0x40000000, ev.get(2).program());
        assertEquals(backReply.frame(), ev.get(2).frame());
        assertEquals(fore.frame(), callFrame(ev.get(3)));
        assertEquals(NFS, ev.get(3).program());
        assertEquals(foreReply.frame(), ev.get(3).frame());
        assertEquals(0, r.summary().rpc().retransmittedCalls());
    }

    @Test
    void recordOverSeveralSegmentsCompletesInTheFrameOfItsLastByte() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake().mss(100);
        Message big = a.call(compound(3, 1).body(1000, 5));
        a.reply(Rpc.reply(3));
        PipelineRun r = run();
        assertEquals(3 + 11, big.frame());
        assertEquals(big.frame(), r.events().get(0).frame());
    }

    @Test
    void recordsFilledByALateSegmentCompleteInThatSegmentsFrame() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        TcpFlow.Side c = a.client();
        Message m1 = c.queue(compound(1, 1));
        Message m2 = c.queue(compound(2, 2).fragments(40));
        Message m3 = c.queue(compound(3, 3));
        List<TcpFlow.Segment> segs = c.cut(50, 50, 50, 50, 50, 50);
        int[] order = {1, 3, 0, 5, 4, 2, 6};
        for (int i : order) {
            if (i < segs.size()) {
                segs.get(i).emit();
            }
        }
        PipelineRun r = run();
        assertEquals(List.of(1, 2, 3), r.xids());
        assertEquals(List.of((long) m1.frame(), (long) m2.frame(), (long) m3.frame()), r.frames());
        assertTrue(r.events().stream().allMatch(RpcEvent::complete));
    }

    @Test
    void severalRecordsInOneSegmentAllCompleteInIt() {
        TcpFlow a = b.tcp(client, 800, server, 2049).handshake();
        TcpFlow.Side c = a.client();
        c.queue(compound(1, 1));
        c.queue(compound(2, 2));
        c.queue(compound(3, 3));
        int[] frames = c.flush(10000);
        PipelineRun r = run();
        assertEquals(List.of((long) frames[0], (long) frames[0], (long) frames[0]), r.frames());
    }

    @Test
    void midStreamCaptureResynchronisesOnTheNextRecord() {
        TcpFlow a = b.tcp(client, 800, server, 2049);
        TcpFlow.Side c = a.client();
        c.queue(compound(1, 1));
        Message m2 = c.queue(compound(2, 2));
        List<TcpFlow.Segment> segs = c.cut(30);
        segs.get(1).emit(); // the capture starts inside the first record
        PipelineRun r = run();
        assertEquals(List.of(2), r.xids());
        assertEquals(m2.frame(), r.events().get(0).frame());
    }

    @Test
    void udpCallCutBySnaplenIsDeliveredIncompleteAndStillPaired() {
        UdpFlow u = b.udp(client, 700, server, 2049);
        Message cut = u.sendTruncated(true, Rpc.call(4, NLM, 4, 2).authSys("c", 0, 0).body(400, 1), 14 + 20 + 8 + 80);
        u.reply(Rpc.reply(4));
        PipelineRun r = run();
        assertEquals(-1, cut.frame());
        RpcEvent call = r.one(4, true);
        assertFalse(call.complete());
        assertEquals(NLM, r.one(4, false).program());
    }
}
