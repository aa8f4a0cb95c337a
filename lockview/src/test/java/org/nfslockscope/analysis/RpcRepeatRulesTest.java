package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

/** RPC-XID-REUSE and RPC-REPLY-MISMATCH on built captures, with their near misses. */
class RpcRepeatRulesTest {
    private static final int TEST = 1;

    private static Rpc nlm(int xid, int proc, int svid) {
        return Rpc.call(xid, Programs.NLM, 4, proc).authSys("h", 0, 0)
                .body(new NlmXdr().opaque(new byte[] {1, 2, 3, 4}).bool(true).u32(svid).bytes());
    }

    private static Rpc nlmReply(int xid, int stat) {
        return Rpc.reply(xid).body(new NlmXdr().opaque(new byte[] {1, 2, 3, 4}).u32(stat).bytes());
    }

    /** Moves the clock of the next frame on; {@code after} sets the spacing of all later frames. */
    private static void skip(NlmScenario s, long seconds) {
        s.capture.time(s.capture.now() + seconds * Settings.SECOND);
    }

    @Test
    void anXidRepeatedWithOtherArgumentsOnOneEndpointPairIsAWarning() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Message first = a.toServer.send(nlm(0x42, TEST, 1));
        a.toServer.reply(nlmReply(0x42, 0));
        skip(s, 10);
        Message again = a.toServer.send(nlm(0x42, TEST, 2));
        a.toServer.reply(nlmReply(0x42, 0));
        List<Finding> f = of(s.analyze(), "RPC-XID-REUSE");
        assertEquals(1, f.size(), f.toString());
        assertEquals(again.frame(), f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).frames().contains((long) first.frame()));
    }

    @Test
    void retransmissionsOtherProgramsHostsPortsAndOldXidsAreNotReuse() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.4", 800);
        UdpFlow otherPort = s.capture.udp(s.capture.host("10.0.0.3"), 801, s.server, NlmScenario.NLM_PORT);
        a.toServer.send(nlm(0x42, TEST, 1));
        a.toServer.send(nlm(0x42, TEST, 1)); // a retransmission
        a.toServer.reply(nlmReply(0x42, 0));
        b.toServer.send(nlm(0x42, TEST, 2)); // another host
        otherPort.send(nlm(0x42, TEST, 3)); // another endpoint pair (a new socket)
        a.toServer.send(Rpc.call(0x42, Programs.NSM, 1, 0).authSys("h", 0, 0)); // another program
        skip(s, 301);
        a.toServer.send(nlm(0x42, TEST, 4)); // long after: the XID space wrapped
        List<Finding> f = of(s.analyze(), "RPC-XID-REUSE");
        assertTrue(f.isEmpty(), f.toString());
    }

    @Test
    void xidsRestartingOnEveryNewConnectionAndTheBackchannelAreNotReuse() {
        NlmScenario s = new NlmScenario();
        var client = s.capture.host("10.0.0.3");
        TcpFlow one = s.capture.tcp(client, 700, s.server, 2049).handshake();
        one.call(Rpc.call(1, Programs.NSM, 1, 2).authSys("h", 0, 0).body(new byte[] {0, 0, 0, 1}));
        one.reply(Rpc.reply(1).body(new byte[] {0, 0, 0, 0}));
        one.reply(Rpc.call(1, Programs.NSM, 1, 2).authSys("h", 0, 0).body(new byte[] {0, 0, 0, 9}));
        one.close();
        TcpFlow two = s.capture.tcp(client, 701, s.server, 2049).handshake();
        two.call(Rpc.call(1, Programs.NSM, 1, 2).authSys("h", 0, 0).body(new byte[] {0, 0, 0, 2}));
        two.reply(Rpc.reply(1).body(new byte[] {0, 0, 0, 0}));
        assertTrue(of(s.analyze(), "RPC-XID-REUSE").isEmpty());
    }

    @Test
    void twoDifferentRepliesToOneRequestAreAWarning() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Message call = a.toServer.send(nlm(0x50, TEST, 1));
        Message granted = a.toServer.reply(nlmReply(0x50, 0));
        Message denied = a.toServer.reply(nlmReply(0x50, 1));
        List<Finding> f = of(s.analyze(), "RPC-REPLY-MISMATCH");
        assertEquals(1, f.size(), f.toString());
        assertEquals(denied.frame(), f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).frames().containsAll(List.of((long) call.frame(), (long) granted.frame())));
    }

    @Test
    void identicalCachedRepliesAndFreshNfsAttributesAreNotAMismatch() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        a.toServer.send(nlm(0x50, TEST, 1));
        a.toServer.reply(nlmReply(0x50, 1));
        a.toServer.reply(nlmReply(0x50, 1));
        UdpFlow nfs = s.capture.udp(s.capture.host("10.0.0.3"), 900, s.server, 2049);
        nfs.send(Rpc.call(0x60, Programs.NFS, 3, 1).authSys("h", 0, 0).body(new byte[] {0, 0, 0, 4, 1, 2, 3, 4}));
        nfs.reply(Rpc.reply(0x60).body(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}));
        nfs.reply(Rpc.reply(0x60).body(new byte[] {0, 0, 0, 0, 0, 0, 0, 2})); // same status, new attributes
        assertTrue(of(s.analyze(), "RPC-REPLY-MISMATCH").isEmpty());
    }
    /** {@code RpcTracker.MAX_CALLS_PER_CONNECTION}: how many calls a TCP connection's table holds. */
    private static final int CALLS_PER_CONNECTION = 8192;

    /** A reused XID after {@code others} calls with other XIDs on the same connection. */
    private static List<Finding> reuseAfter(int others) {
        NlmScenario s = new NlmScenario();
        TcpFlow c = s.capture.tcp(s.capture.host("10.0.0.3"), 700, s.server, 2049).mss(60_000).handshake();
        c.call(Rpc.call(1, Programs.NSM, 1, 0).authSys("h", 0, 0).body(new byte[] {0, 0, 0, 1}));
        for (int i = 0; i < others; i++) {
            c.client().queue(Rpc.call(0x1000 + i, Programs.NSM, 1, 0).authSys("h", 0, 0));
        }
        c.client().flush();
        c.call(Rpc.call(1, Programs.NSM, 1, 0).authSys("h", 0, 0).body(new byte[] {0, 0, 0, 2}));
        return of(s.analyze(), "RPC-XID-REUSE");
    }

    /** The earlier call is the one the RPC stage still holds: as far back as it pairs replies. */
    @Test
    void xidReuseLooksAsFarBackAsTheConnectionsCallTable() {
        assertEquals(1, reuseAfter(CALLS_PER_CONNECTION - 1).size());
        assertTrue(reuseAfter(CALLS_PER_CONNECTION).isEmpty());
    }

    /** A second, different reply to a request after {@code others} other requests on its connection. */
    private static List<Finding> mismatchAfter(int others) {
        NlmScenario s = new NlmScenario();
        TcpFlow c = s.capture.tcp(s.capture.host("10.0.0.3"), 700, s.server, 2049).mss(60_000).handshake();
        c.call(nlm(0x50, TEST, 1));
        c.reply(nlmReply(0x50, 0));
        for (int i = 0; i < others; i++) {
            c.client().queue(Rpc.call(0x1000 + i, Programs.NSM, 1, 0).authSys("h", 0, 0));
        }
        c.client().flush();
        for (int i = 0; i < others; i++) {
            c.server().queue(Rpc.reply(0x1000 + i));
        }
        c.server().flush();
        c.reply(nlmReply(0x50, 1));
        return of(s.analyze(), "RPC-REPLY-MISMATCH");
    }

    @Test
    void replyMismatchLooksAsFarBackAsTheConnectionsCallTable() {
        assertEquals(1, mismatchAfter(CALLS_PER_CONNECTION - 1).size());
        assertTrue(mismatchAfter(CALLS_PER_CONNECTION).isEmpty());
    }

    /** A third reply is compared with the latest that differed, and names both outcomes. */
    @Test
    void aThirdReplyIsComparedWithTheLatestDifferentOne() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        a.toServer.send(nlm(0x50, TEST, 1));
        Message granted = a.toServer.reply(nlmReply(0x50, 0));
        Message denied = a.toServer.reply(nlmReply(0x50, 1));
        a.toServer.reply(nlmReply(0x50, 1)); // the same as the one before: no finding
        Message again = a.toServer.reply(nlmReply(0x50, 0));
        List<Finding> f = of(s.analyze(), "RPC-REPLY-MISMATCH");
        assertEquals(2, f.size(), f.toString());
        assertEquals(denied.frame(), f.get(0).frame());
        assertTrue(f.get(0).frames().contains((long) granted.frame()));
        assertEquals(again.frame(), f.get(1).frame());
        assertTrue(f.get(1).frames().contains((long) denied.frame()), f.get(1).toString());
        assertTrue(f.get(0).message().contains("with results"), f.get(0).message());
    }
}
