package org.nfslockscope.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.UdpFlow;

/**
 * Writes NLM v4 traffic over UDP between clients and one server with the test-capture builder,
 * then runs the lock view on it. Each step returns the frame it wrote, so tests can assert where
 * findings point.
 */
final class NlmScenario {
    static final String FH = "0100a1b2c3d4e5f6";
    static final int NLM_PORT = 4045;

    /** One simulated NLM client host. */
    final class Client {
        final String name;
        final UdpFlow toServer;
        final UdpFlow fromServer;

        Client(String name, int port) {
            Host h = capture.host(name);
            this.name = name;
            this.toServer = capture.udp(h, port, server, NLM_PORT);
            this.fromServer = capture.udp(server, 900, h, NLM_PORT);
        }

        NlmLock lock(int svid, long offset, long length) {
            return new NlmLock(name, FH, "6f776e6572" + Integer.toHexString(svid), svid, offset, length);
        }
    }

    final CaptureBuilder capture = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000_000_000_000L);
    final Host server = capture.host("10.0.0.1");
    private int xid = 0x100;
    private int cookie;

    Client client(String address, int port) {
        return new Client(address, port);
    }

    NlmScenario after(long seconds) {
        capture.step(seconds * Settings.SECOND);
        return this;
    }

    private byte[] cookie() {
        return new byte[] {0, 0, 0, (byte) ++cookie};
    }

    /** LOCK (or NM_LOCK) from the client, answered with {@code stat}; returns {call, reply} frames. */
    int[] lock(Client c, NlmLock l, boolean exclusive, boolean block, boolean reclaim, int stat) {
        byte[] ck = cookie();
        byte[] args = new NlmXdr().opaque(ck).bool(block).bool(exclusive).lock(true, l).bool(reclaim).u32(3).bytes();
        return exchange(c.toServer, 2, args, new NlmXdr().opaque(ck).u32(stat).bytes());
    }

    int[] unlock(Client c, NlmLock l, int stat) {
        byte[] ck = cookie();
        return exchange(c.toServer, 4, new NlmXdr().opaque(ck).lock(true, l).bytes(),
                new NlmXdr().opaque(ck).u32(stat).bytes());
    }

    /** UNLOCK call alone (its reply comes later with {@link #reply}). */
    Message unlockCall(Client c, NlmLock l) {
        return call(c.toServer, 4, new NlmXdr().opaque(cookie()).lock(true, l).bytes());
    }

    int[] cancel(Client c, NlmLock l, boolean exclusive, int stat) {
        byte[] ck = cookie();
        return exchange(c.toServer, 3, new NlmXdr().opaque(ck).bool(true).bool(exclusive).lock(true, l).bytes(),
                new NlmXdr().opaque(ck).u32(stat).bytes());
    }

    /** GRANTED_MSG from the server to the client; returns its frame and remembers its cookie. */
    int grantedMsg(Client c, NlmLock l, boolean exclusive, byte[] cookieOut) {
        byte[] ck = cookie();
        System.arraycopy(ck, 0, cookieOut, 0, 4);
        Message m = call(c.fromServer, 10, new NlmXdr().opaque(ck).bool(exclusive).lock(true, l).bytes());
        return m.frame();
    }

    /** TEST_MSG from the client; returns its frame and remembers its cookie. */
    int testMsg(Client c, NlmLock l, boolean exclusive, byte[] cookieOut) {
        byte[] ck = cookie();
        System.arraycopy(ck, 0, cookieOut, 0, 4);
        return call(c.toServer, 6, new NlmXdr().opaque(ck).bool(exclusive).lock(true, l).bytes()).frame();
    }

    /**
     * A *_RES callback from the server to the client ({@code proc} 11 TEST_RES to 14 UNLOCK_RES)
     * with {@code ck} and {@code stat}; a TEST_RES that grants carries nothing more.
     */
    int res(Client c, int proc, byte[] ck, int stat) {
        return call(c.fromServer, proc, new NlmXdr().opaque(ck).u32(stat).bytes()).frame();
    }

    /** GRANTED_RES from the client to the server. */
    int grantedRes(Client c, byte[] ck, int stat) {
        return call(c.toServer, 15, new NlmXdr().opaque(ck).u32(stat).bytes()).frame();
    }

    /** SM_NOTIFY from the server to client {@code to}: the server announces its own restart. */
    int smNotifyFromServer(Client to, String monName, int state) {
        return smNotify(to.fromServer, monName, state);
    }

    /** TEST from the client, answered GRANTED (no conflict); returns {call, reply} frames. */
    int[] test(Client c, NlmLock l, boolean exclusive) {
        byte[] ck = cookie();
        return exchange(c.toServer, 1, new NlmXdr().opaque(ck).bool(exclusive).lock(true, l).bytes(),
                new NlmXdr().opaque(ck).u32(0).bytes());
    }

    /** SM_NOTIFY (NSM, program 100024) from {@code from} about host {@code monName}. */
    int smNotify(Client from, String monName, int state) {
        return smNotify(from.toServer, monName, state);
    }

    private int smNotify(UdpFlow flow, String monName, int state) {
        Rpc r = Rpc.call(++xid, Programs.NSM, 1, 6).authSys("h", 0, 0)
                .body(new NlmXdr().string(monName).u32(state).bytes());
        return flow.send(r).frame();
    }

    Message call(UdpFlow flow, int proc, byte[] args) {
        Rpc r = Rpc.call(++xid, Programs.NLM, 4, proc).authSys("h", 0, 0).body(args);
        return flow.send(r);
    }

    void reply(UdpFlow flow, Message call, byte[] result) {
        flow.reply(Rpc.reply(call.xid()).body(result));
    }

    private int[] exchange(UdpFlow flow, int proc, byte[] args, byte[] result) {
        Message m = call(flow, proc, args);
        capture.step(1_000_000);
        Message r = flow.reply(Rpc.reply(m.xid()).body(result));
        capture.step(1_000_000);
        return new int[] {m.frame(), r.frame()};
    }

    List<Finding> analyze() {
        return analyze(org.nfslockscope.findings.FindingSink.discarding(), true);
    }

    /**
     * Every finding raised, in order, beyond the number the view keeps for reports
     * ({@link org.nfslockscope.findings.KeptFindings}).
     */
    List<Finding> analyzeAll() {
        List<Finding> all = new java.util.ArrayList<>();
        analyze(all::add, false);
        return all;
    }

    private List<Finding> analyze(org.nfslockscope.findings.FindingSink sink, boolean kept) {
        try {
            Path f = Files.createTempFile("nlm-scenario", ".pcap");
            try {
                capture.write(f);
                LockView view = new LockView(org.nfslockscope.decode.Decoders.standard(), Settings.defaults(), sink);
                RpcPipeline.run(f, view, new Diagnostics(0));
                view.finish();
                return kept ? view.findings() : null;
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
