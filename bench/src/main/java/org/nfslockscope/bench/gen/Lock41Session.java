package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One NFSv4.1 client on one connection sending SEQUENCE+PUTFH+LOCK compounds, one at a time.
 * A shared counter decides denials so that exactly every tenth LOCK of a capture is denied.
 */
final class Lock41Session {
    private static final byte[] CONFLICTING_OWNER = "other-owner".getBytes(StandardCharsets.US_ASCII);
    private static final long CONFLICTING_CLIENT = 0x1234_5678_9abcL;

    private final TcpFlow flow;
    private final String machine;
    private final byte[] session;
    private final byte[] fh;
    private final long[] lockCounter;
    private int slotSeq;
    private int xid;
    private long offset;
    private boolean denied;
    private boolean waiting;

    Lock41Session(TcpFlow flow, int client, int xid, long[] lockCounter) {
        this.flow = flow;
        this.machine = "client" + client;
        this.session = Addresses.handle(1000 + client, 16);
        this.fh = Addresses.handle(client % 8, 28);
        this.xid = xid;
        this.lockCounter = lockCounter;
    }

    TcpFlow flow() {
        return flow;
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
        Nfs4.lockExisting(x, offset, 4096, 1, session, 0);
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
            Nfs4.lockOk(x, slotSeq, session);
        }
        flow.send(false, x, TcpFlow.MSS);
        waiting = false;
    }
}
