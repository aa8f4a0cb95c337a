package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.util.Random;

/**
 * WRITE-heavy traffic: 256 KiB WRITE records split over about 180 full-size segments each, the
 * server acknowledging the data before it replies. Even connections speak NFSv3, odd ones
 * NFSv4.1 (SEQUENCE+PUTFH+WRITE), so both record layouts are measured.
 */
final class WriteGenerator implements CaptureKind.Generator {
    static final int CONNECTIONS = 8;
    static final int WRITE_SIZE = 256 << 10;
    private static final int NFS3_WRITE = 7;
    private static final int FILE_SYNC = 2;
    private static final byte[] VERIFIER = {1, 2, 3, 4, 5, 6, 7, 8};

    private final Xdr x = new Xdr();
    private final byte[] pattern = new byte[4096];

    @Override
    public void generate(Wire wire, Random random, CaptureKind.Budget budget) throws IOException {
        random.nextBytes(pattern);
        TcpFlow[] flows = new TcpFlow[CONNECTIONS];
        long[] offsets = new long[CONNECTIONS];
        int[] xids = new int[CONNECTIONS];
        byte[][] fhs = new byte[CONNECTIONS][];
        byte[][] sessions = new byte[CONNECTIONS][];
        byte[][] stateids = new byte[CONNECTIONS][];
        for (int i = 0; i < CONNECTIONS; i++) {
            fhs[i] = Addresses.handle(Addresses.key(Addresses.FILE, i, 0), 32);
            sessions[i] = Addresses.handle(Addresses.key(Addresses.SESSION, i, 0), 16);
            stateids[i] = Addresses.handle(Addresses.key(Addresses.OPEN_STATEID, i, 0), 12);
            flows[i] = new TcpFlow(wire, Addresses.client(300 + i), 40200 + i, Addresses.SERVER, Addresses.NFS_PORT, 5 + i);
            flows[i].open();
            xids[i] = random.nextInt();
        }
        int[] slotSeq = new int[CONNECTIONS];
        while (!budget.spent()) {
            int i = random.nextInt(CONNECTIONS);
            int xid = ++xids[i];
            boolean v4 = (i & 1) == 1;
            byte[] fh = fhs[i];
            wire.advance(random.nextInt(100));
            Rpc.call(x, xid, Rpc.NFS, v4 ? 4 : 3, v4 ? 1 : NFS3_WRITE, "writer" + i, 1000);
            if (v4) {
                Nfs4.compoundArgs(x, 1, 3);
                Nfs4.sequenceArgs(x, sessions[i], ++slotSeq[i], 0);
                Nfs4.putfh(x, fh);
                Nfs4.stateid(x.u32(Nfs4.OP_WRITE), 1, stateids[i]).u64(offsets[i]).u32(Nfs4.FILE_SYNC4);
            } else {
                x.opaque(fh).u64(offsets[i]).u32(WRITE_SIZE).u32(FILE_SYNC);
            }
            x.opaqueFilled(pattern, WRITE_SIZE);
            flows[i].send(true, x, TcpFlow.MSS);
            flows[i].ack(false);
            Rpc.acceptedReply(x, xid);
            if (v4) {
                Nfs4.compoundRes(x, Nfs4.NFS4_OK, 3);
                Nfs4.sequenceRes(x, sessions[i], slotSeq[i], 0);
                Nfs4.putfhRes(x);
                x.u32(Nfs4.OP_WRITE).u32(Nfs4.NFS4_OK).u32(WRITE_SIZE).u32(Nfs4.FILE_SYNC4).fixed(VERIFIER);
            } else {
                // status, wcc_data with neither attribute set, count, committed, verifier
                x.u32(0).bool(false).bool(false).u32(WRITE_SIZE).u32(FILE_SYNC).fixed(VERIFIER);
            }
            flows[i].send(false, x, TcpFlow.MSS);
            offsets[i] += WRITE_SIZE;
        }
        for (TcpFlow f : flows) {
            f.close();
        }
    }
}
