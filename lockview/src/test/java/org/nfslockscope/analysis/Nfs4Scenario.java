package org.nfslockscope.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.XdrWriter;

/**
 * Writes NFSv4.0 COMPOUNDs over TCP between clients and one server with the test-capture
 * builder, then runs the lock view. Only the operations the lock rules need are spelled out.
 */
final class Nfs4Scenario {
    static final String FH = "01020304a1a2a3a4b1b2b3b4";
    static final int WRITE_LT = 2;
    static final int READ_LT = 1;
    /** NFS4ERR_BAD_STATEID. */
    static final int BAD_STATEID = 10025;
    static final long EOF = -1L;

    /** One NFSv4.0 client: its TCP connection and its client ID. */
    final class Client {
        final TcpFlow flow;
        final long clientid;
        final String owner;
        int lockSeqid;

        Client(String address, int port, long clientid, String owner) {
            this.flow = capture.tcp(capture.host(address), port, capture.host("10.0.0.1"), 2049).handshake();
            this.clientid = clientid;
            this.owner = owner;
        }

        /** A lock stateid the server would hand this client. */
        String lockOther() {
            return String.format("%016x%08x", clientid, 7);
        }
    }

    final CaptureBuilder capture;
    /** The file every request locks; a mixed-protocol test shares it with NLM. */
    private final String fh;
    private int xid = 0x500;

    Nfs4Scenario() {
        this(CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000_000_000_000L), FH);
    }

    /** NFSv4 traffic written into another scenario's capture, on the file {@code fh}. */
    Nfs4Scenario(CaptureBuilder capture, String fh) {
        this.capture = capture;
        this.fh = fh;
    }

    Client client(String address, int port, long clientid, String owner) {
        return new Client(address, port, clientid, owner);
    }

    Nfs4Scenario after(long seconds) {
        capture.step(seconds * Settings.SECOND);
        return this;
    }

    private static XdrWriter stateid(XdrWriter x, int seqid, String otherHex) {
        return x.u32(seqid).fixedHex(otherHex);
    }

    /** PUTFH + LOCK with a new lock-owner; {@code status} 0 grants, 10010 denies. Returns {call, reply} frames. */
    int[] lock(Client c, int type, long offset, long length, boolean reclaim, int status) {
        return exchange(c, lockArgs(c, type, offset, length, reclaim), lockResult(c, status));
    }

    /** The LOCK of {@link #lock} sent alone, so that other requests can go out before its reply. */
    Message lockCall(Client c, int type, long offset, long length, boolean reclaim) {
        return c.flow.call(Rpc.call(++xid, Programs.NFS, 4, 1).authSys("h", 0, 0)
                .body(lockArgs(c, type, offset, length, reclaim)));
    }

    /** The reply to a {@link #lockCall}. */
    Message lockReply(Client c, Message call, int status) {
        return c.flow.reply(Rpc.reply(call.xid()).body(lockResult(c, status)));
    }

    private byte[] lockArgs(Client c, int type, long offset, long length, boolean reclaim) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2)
                .u32(22).opaqueHex(fh)
                .u32(12).u32(type).bool(reclaim).u64(offset).u64(length).bool(true)
                .u32(1);
        stateid(args, 1, String.format("%016x%08x", c.clientid, 1));
        args.u32(c.lockSeqid++).u64(c.clientid).string(c.owner);
        return args.bytes();
    }

    private static byte[] lockResult(Client c, int status) {
        XdrWriter res = new XdrWriter().u32(status).string("").u32(2).u32(22).u32(0).u32(12).u32(status);
        if (status == 0) {
            stateid(res, 1, c.lockOther());
        } else if (status == 10010) {
            res.u64(0).u64(EOF).u32(WRITE_LT).u64(0).string("other");
        }
        return res.bytes();
    }

    int[] locku(Client c, long offset, long length) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2).u32(22).opaqueHex(fh)
                .u32(14).u32(WRITE_LT).u32(c.lockSeqid++);
        stateid(args, 1, c.lockOther()).u64(offset).u64(length);
        XdrWriter res = new XdrWriter().u32(0).string("").u32(2).u32(22).u32(0).u32(14).u32(0);
        stateid(res, 2, c.lockOther());
        return exchange(c, args.bytes(), res.bytes());
    }

    /** PUTFH + CLOSE of the open stateid the client's LOCKs name as their open ({@link #lock}). */
    int[] close(Client c, int openSeqid) {
        String open = String.format("%016x%08x", c.clientid, 1);
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2).u32(22).opaqueHex(fh).u32(4).u32(openSeqid);
        stateid(args, 1, open);
        XdrWriter res = new XdrWriter().u32(0).string("").u32(2).u32(22).u32(0).u32(4).u32(0);
        stateid(res, 2, open);
        return exchange(c, args.bytes(), res.bytes());
    }

    /** PUTFH + LOCKU on the client's lock stateid, refused with {@code status}. */
    int[] lockuRefused(Client c, long offset, long length, int status) {
        return exchange(c, lockuRefusedArgs(c, offset, length), lockuRefusedResult(status));
    }

    /**
     * A LOCKU sent just before the client's CLOSE and refused with {@code status} only after the
     * CLOSE's reply: it was in flight when the open went. Returns the LOCKU's {call, reply} frames.
     */
    int[] lockuRefusedAcrossClose(Client c, long offset, long length, int openSeqid, int status) {
        Message call = c.flow.call(Rpc.call(++xid, Programs.NFS, 4, 1).authSys("h", 0, 0)
                .body(lockuRefusedArgs(c, offset, length)));
        capture.step(1_000_000);
        close(c, openSeqid);
        Message reply = c.flow.reply(Rpc.reply(call.xid()).body(lockuRefusedResult(status)));
        capture.step(1_000_000);
        return new int[] {call.frame(), reply.frame()};
    }

    private byte[] lockuRefusedArgs(Client c, long offset, long length) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2).u32(22).opaqueHex(fh)
                .u32(14).u32(WRITE_LT).u32(c.lockSeqid++);
        return stateid(args, 1, c.lockOther()).u64(offset).u64(length).bytes();
    }

    private static byte[] lockuRefusedResult(int status) {
        return new XdrWriter().u32(status).string("").u32(2).u32(22).u32(0).u32(14).u32(status).bytes();
    }

    /** PUTFH + LOCK naming the client's lock stateid (an existing lock-owner), refused with {@code status}. */
    int[] lockExistingRefused(Client c, int type, long offset, long length, int status) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2).u32(22).opaqueHex(fh)
                .u32(12).u32(type).bool(false).u64(offset).u64(length).bool(false);
        stateid(args, 1, c.lockOther()).u32(c.lockSeqid++);
        XdrWriter res = new XdrWriter().u32(status).string("").u32(2).u32(22).u32(0).u32(12).u32(status);
        return exchange(c, args.bytes(), res.bytes());
    }

    /** RELEASE_LOCKOWNER of the client's lock-owner, answered NFS4_OK. */
    int[] releaseLockowner(Client c) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(1).u32(39).u64(c.clientid).string(c.owner);
        XdrWriter res = new XdrWriter().u32(0).string("").u32(1).u32(39).u32(0);
        return exchange(c, args.bytes(), res.bytes());
    }

    private static XdrWriter channel(XdrWriter x) {
        return x.u32(0).u32(65536).u32(65536).u32(4096).u32(16).u32(8).u32(0);
    }

    /** A 4.1 CREATE_SESSION for the client's ID, answered with {@code sessionHex}. */
    int[] createSession(Client c, String sessionHex) {
        XdrWriter args = new XdrWriter().string("").u32(1).u32(1).u32(43).u64(c.clientid).u32(1).u32(0);
        channel(channel(args)).u32(0x40000000).u32(0);
        XdrWriter res = new XdrWriter().u32(0).string("").u32(1).u32(43).u32(0).fixedHex(sessionHex).u32(1).u32(0);
        channel(channel(res));
        return exchange(c, args.bytes(), res.bytes());
    }

    /**
     * A 4.1 EXCHANGE_ID for the client owner {@code ownerHex} with the boot verifier
     * {@code verifierHex} (8 bytes), answered with the client's ID; {@code confirmed} sets
     * EXCHGID4_FLAG_CONFIRMED_R, the server's word that it already knew this owner and verifier.
     */
    int[] exchangeId(Client c, String ownerHex, String verifierHex, boolean confirmed) {
        byte[] args = new XdrWriter().string("").u32(1).u32(1).u32(42).fixedHex(verifierHex).opaqueHex(ownerHex)
                .u32(0).u32(0).u32(0).bytes();
        XdrWriter res = new XdrWriter().u32(0).string("").u32(1).u32(42).u32(0).u64(c.clientid).u32(1)
                .u32(confirmed ? 0x80000000 : 0).u32(0).u64(0).opaqueHex("736572766572").opaqueHex("").u32(0);
        return exchange(c, args, res.bytes());
    }

    /**
     * SEQUENCE on slot 0 of {@code sessionHex} with {@code sequenceid}, PUTFH and a 4.1 LOCK with a
     * new lock-owner, granted; the lock-owner's clientid field is 0, as 4.1 clients may send it.
     */
    int[] lock41(Client c, String sessionHex, int sequenceid, int type, long offset, long length) {
        XdrWriter args = new XdrWriter().string("").u32(1).u32(3)
                .u32(53).fixedHex(sessionHex).u32(sequenceid).u32(0).u32(7).bool(false)
                .u32(22).opaqueHex(fh)
                .u32(12).u32(type).bool(false).u64(offset).u64(length).bool(true)
                .u32(0);
        stateid(args, 1, String.format("%016x%08x", c.clientid, 1));
        args.u32(0).u64(0).string(c.owner);
        XdrWriter res = new XdrWriter().u32(0).string("").u32(3)
                .u32(53).u32(0).fixedHex(sessionHex).u32(sequenceid).u32(0).u32(7).u32(7).u32(0)
                .u32(22).u32(0).u32(12).u32(0);
        stateid(res, 1, c.lockOther());
        return exchange(c, args.bytes(), res.bytes());
    }

    /** A 4.1 SEQUENCE on slot 0 of {@code sessionHex}, as the first operation of a request. */
    private static XdrWriter sequenceArgs(XdrWriter x, String sessionHex, int sequenceid) {
        return x.u32(53).fixedHex(sessionHex).u32(sequenceid).u32(0).u32(7).bool(false);
    }

    private static XdrWriter sequenceResult(XdrWriter x, String sessionHex, int sequenceid) {
        return x.u32(53).u32(0).fixedHex(sessionHex).u32(sequenceid).u32(0).u32(7).u32(7).u32(0);
    }

    /** SEQUENCE, PUTFH and a 4.1 LOCKU of the client's lock stateid, answered {@code status}. */
    int[] locku41(Client c, String sessionHex, int sequenceid, long offset, long length, int status) {
        XdrWriter args = sequenceArgs(new XdrWriter().string("").u32(1).u32(3), sessionHex, sequenceid)
                .u32(22).opaqueHex(fh)
                .u32(14).u32(WRITE_LT).u32(0);
        stateid(args, 1, c.lockOther()).u64(offset).u64(length);
        XdrWriter res = sequenceResult(new XdrWriter().u32(status).string("").u32(3), sessionHex, sequenceid)
                .u32(22).u32(0).u32(14).u32(status);
        if (status == 0) {
            stateid(res, 2, c.lockOther());
        }
        return exchange(c, args.bytes(), res.bytes());
    }

    /** SEQUENCE and FREE_STATEID of the client's lock stateid, answered {@code status}. */
    int[] freeStateid41(Client c, String sessionHex, int sequenceid, int status) {
        XdrWriter args = sequenceArgs(new XdrWriter().string("").u32(1).u32(2), sessionHex, sequenceid).u32(45);
        stateid(args, 1, c.lockOther());
        XdrWriter res = sequenceResult(new XdrWriter().u32(status).string("").u32(2), sessionHex, sequenceid)
                .u32(45).u32(status);
        return exchange(c, args.bytes(), res.bytes());
    }

    /** A 4.1 SEQUENCE-only COMPOUND (a heartbeat) on a slot, answered with {@code status} and {@code flags}. */
    int[] sequence(Client c, String sessionHex, int sequenceid, int slot, int status, int flags) {
        byte[] args = new XdrWriter().string("").u32(1).u32(1).u32(53).fixedHex(sessionHex).u32(sequenceid).u32(slot)
                .u32(7).bool(false).bytes();
        XdrWriter res = new XdrWriter().u32(status).string("").u32(1).u32(53).u32(status);
        if (status == 0) {
            res.fixedHex(sessionHex).u32(sequenceid).u32(slot).u32(7).u32(7).u32(flags);
        }
        return exchange(c, args, res.bytes());
    }

    /**
     * SETCLIENTID for {@code idHex} with the boot verifier {@code verifierHex} (8 bytes), answered
     * with the client's ID, then SETCLIENTID_CONFIRM; returns the confirm's {call, reply} frames.
     */
    int[] setClientId(Client c, String idHex, String verifierHex) {
        String confirm = "c0c0c0c0c0c0c0c0";
        byte[] args = new XdrWriter().string("").u32(0).u32(1).u32(35).fixedHex(verifierHex).opaqueHex(idHex)
                .u32(0x40000000).string("tcp").string("10.0.0.2.3.1").u32(1).bytes();
        XdrWriter res = new XdrWriter().u32(0).string("").u32(1).u32(35).u32(0).u64(c.clientid).fixedHex(confirm);
        exchange(c, args, res.bytes());
        byte[] confirmArgs = new XdrWriter().string("").u32(0).u32(1).u32(36).u64(c.clientid).fixedHex(confirm)
                .bytes();
        return exchange(c, confirmArgs, new XdrWriter().u32(0).string("").u32(1).u32(36).u32(0).bytes());
    }

    int[] renew(Client c) {
        byte[] args = new XdrWriter().string("").u32(0).u32(1).u32(30).u64(c.clientid).bytes();
        byte[] res = new XdrWriter().u32(0).string("").u32(1).u32(30).u32(0).bytes();
        return exchange(c, args, res);
    }

    private int[] exchange(Client c, byte[] args, byte[] res) {
        Message call = c.flow.call(Rpc.call(++xid, Programs.NFS, 4, 1).authSys("h", 0, 0).body(args));
        capture.step(1_000_000);
        Message reply = c.flow.reply(Rpc.reply(call.xid()).body(res));
        capture.step(1_000_000);
        return new int[] {call.frame(), reply.frame()};
    }

    List<Finding> analyze() {
        try {
            Path f = Files.createTempFile("nfs4-scenario", ".pcap");
            try {
                capture.write(f);
                LockView view = new LockView(Settings.defaults().withLease(15 * Settings.SECOND));
                RpcPipeline.run(f, view, new Diagnostics(0));
                view.finish();
                return view.findings();
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
