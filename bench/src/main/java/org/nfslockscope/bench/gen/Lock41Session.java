package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One NFSv4.1 client sending SEQUENCE+PUTFH+LOCK compounds on its session, one at a time, over
 * one connection at a time. The lock stateid's seqid moves on with every lock granted, as a
 * server's does. A shared counter decides denials so that exactly every tenth LOCK of a capture
 * is denied.
 */
final class Lock41Session {
    private static final byte[] CONFLICTING_OWNER = "other-owner".getBytes(StandardCharsets.US_ASCII);
    private static final long CONFLICTING_CLIENT = 0x1234_5678_9abcL;

    private TcpFlow flow;
    private final String machine;
    private final byte[] session;
    private final byte[] fh;
    private final byte[] lockOther;
    private int lockStateSeq = 1;
    private final long[] lockCounter;
    private int slotSeq;
    private int xid;
    private long offset;
    private boolean denied;
    private boolean waiting;

    Lock41Session(TcpFlow flow, int client, int xid, long[] lockCounter) {
        this.flow = flow;
        this.machine = "client" + client;
        this.session = Addresses.handle(Addresses.key(Addresses.SESSION, client, 0), 16);
        this.fh = Addresses.handle(Addresses.key(Addresses.FILE, 0, client % 8), 28);
        this.lockOther = Addresses.handle(Addresses.key(Addresses.LOCK_STATEID, client, 0), 12);
        this.xid = xid;
        this.lockCounter = lockCounter;
    }

    TcpFlow flow() {
        return flow;
    }

    /** Goes on over another connection; the session, its slot and the lock stateid stay. */
    void moveTo(TcpFlow next) {
        if (waiting) {
            throw new IllegalStateException("a call still waits for its reply");
        }
        flow = next;
    }

    /** Whether a call is out and its reply is the next thing this client's connection carries. */
    boolean waiting() {
        return waiting;
    }

    void call(Xdr x, Random random) throws IOException {
        xid++;
        slotSeq++;
        offset = (long) random.nextInt(1 << 20) * 4096;
        denied = ++lockCounter[0] % 10 == 0;
        Rpc.call(x, xid, Rpc.NFS, 4, 1, machine, 1000);
        Nfs4.compoundArgs(x, 1, 3);
        Nfs4.sequenceArgs(x, session, slotSeq, 0);
        Nfs4.putfh(x, fh);
        Nfs4.lockExisting(x, offset, 4096, lockStateSeq, lockOther, 0); // lock_seqid: ignored in 4.1
        flow.send(true, x, TcpFlow.MSS);
        waiting = true;
    }

    void reply(Xdr x) throws IOException {
        Rpc.acceptedReply(x, xid);
        Nfs4.compoundRes(x, denied ? Nfs4.NFS4ERR_DENIED : Nfs4.NFS4_OK, 3);
        Nfs4.sequenceRes(x, session, slotSeq, 0);
        Nfs4.putfhRes(x);
        if (denied) {
            Nfs4.lockDenied(x, offset, 4096, CONFLICTING_CLIENT, CONFLICTING_OWNER);
        } else {
            Nfs4.lockOk(x, ++lockStateSeq, lockOther);
        }
        flow.send(false, x, TcpFlow.MSS);
        waiting = false;
    }
}
