package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * NFSv4.0 lock traffic with the owner seqids of RFC 7530 §9.1.7 kept in sequence: each client
 * OPENs a file (open-owner seqid), takes its first lock as a new lock owner (open seqid and lock
 * seqid), then alternates LOCKU and LOCK on the lock stateid (lock seqid), and after a number of
 * rounds CLOSEs the file (open-owner seqid) and releases the lock owner (RELEASE_LOCKOWNER), as
 * the Linux client does when a process closes a file it locked, then moves to the next file.
 * Every tenth LOCK is denied; a denial still uses up its seqids.
 * Handles and stateids are unique per client and file, as a server's are.
 */
final class Lock40Generator implements CaptureKind.Generator {
    static final int CONNECTIONS = 16;
    private static final int ROUNDS_PER_FILE = 20;
    private static final long CLIENT_ID_BASE = 0x5eed_0000_0000L;

    private static final class Client {
        TcpFlow flow;
        int n;
        String machine;
        byte[] dirFh;
        byte[] openOwner;
        byte[] lockOwner;
        byte[] openOther;
        byte[] lockOther;
        int xid;
        int openSeqid;
        int lockSeqid;
        int lockStateSeq;
        int file;
        /** 0: OPEN next; 1: first LOCK; then odd steps LOCKU, even steps LOCK; then CLOSE, RELEASE_LOCKOWNER. */
        int step;
        /** The lock owner got a lock stateid (its first LOCK was granted), so it has state to release. */
        boolean lockState;
        long offset;
        boolean waiting;
        int lastOp;
        boolean denied;
    }

    /** The steps after the last LOCKU of a file (step 2R + 1), or after a last LOCK denied (step 2R). */
    private static final int CLOSE = 2 * ROUNDS_PER_FILE + 2;
    private static final int RELEASE = CLOSE + 1;

    private final Xdr x = new Xdr();
    private long locks;

    @Override
    public void generate(Wire wire, Random random, CaptureKind.Budget budget) throws IOException {
        Client[] clients = new Client[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            Client c = new Client();
            c.n = i + 1;
            c.flow = new TcpFlow(wire, Addresses.client(100 + i), 40100 + i, Addresses.SERVER, Addresses.NFS_PORT, 77 + i);
            c.machine = "v40client" + c.n;
            c.dirFh = Addresses.handle(Addresses.key(Addresses.DIRECTORY, c.n, 0), 32);
            c.openOwner = ("open-owner-" + c.n).getBytes(StandardCharsets.US_ASCII);
            c.xid = random.nextInt();
            c.flow.open();
            clients[i] = c;
        }
        while (!budget.spent()) {
            Client c = clients[random.nextInt(CONNECTIONS)];
            wire.advance(random.nextInt(40));
            if (c.waiting) {
                reply(c);
            } else {
                call(c, random);
            }
        }
        for (Client c : clients) {
            if (c.waiting) {
                reply(c);
            }
            c.flow.close();
        }
    }

    private void call(Client c, Random random) throws IOException {
        c.xid++;
        Rpc.call(x, c.xid, Rpc.NFS, 4, 1, c.machine, 1000 + c.n);
        if (c.step == RELEASE) {
            Nfs4.compoundArgs(x, 0, 1);
            x.u32(Nfs4.OP_RELEASE_LOCKOWNER).u64(CLIENT_ID_BASE + c.n).opaque(c.lockOwner);
            c.lastOp = Nfs4.OP_RELEASE_LOCKOWNER;
            c.flow.send(true, x, TcpFlow.MSS);
            c.waiting = true;
            return;
        }
        Nfs4.compoundArgs(x, 0, 2);
        if (c.step == 0) {
            c.file++;
            Nfs4.putfh(x, c.dirFh);
            x.u32(Nfs4.OP_OPEN).u32(c.openSeqid).u32(3).u32(0).u64(CLIENT_ID_BASE + c.n).opaque(c.openOwner);
            x.u32(0).u32(0).string("file" + c.file); // NOCREATE, CLAIM_NULL
            c.lastOp = Nfs4.OP_OPEN;
        } else {
            Nfs4.putfh(x, Addresses.handle(Addresses.key(Addresses.FILE, c.n, c.file), 32));
            if (c.step == CLOSE) {
                x.u32(Nfs4.OP_CLOSE).u32(c.openSeqid);
                Nfs4.stateid(x, 1, c.openOther);
                c.lastOp = Nfs4.OP_CLOSE;
            } else if (c.step % 2 == 0 || c.step == 1) {
                c.offset = (long) random.nextInt(1 << 16) * 512;
                c.denied = ++locks % 10 == 0;
                if (c.step == 1) {
                    c.lockOwner = ("lock-owner-" + c.n + "-" + c.file).getBytes(StandardCharsets.US_ASCII);
                    Nfs4.lockNewOwner(x, c.offset, 512, c.openSeqid, 1, c.openOther, c.lockSeqid,
                            CLIENT_ID_BASE + c.n, c.lockOwner);
                } else {
                    Nfs4.lockExisting(x, c.offset, 512, c.lockStateSeq, c.lockOther, c.lockSeqid);
                }
                c.lastOp = Nfs4.OP_LOCK;
            } else {
                x.u32(Nfs4.OP_LOCKU).u32(Nfs4.WRITE_LT).u32(c.lockSeqid);
                Nfs4.stateid(x, c.lockStateSeq, c.lockOther).u64(c.offset).u64(512);
                c.lastOp = Nfs4.OP_LOCKU;
            }
        }
        c.flow.send(true, x, TcpFlow.MSS);
        c.waiting = true;
    }

    private void reply(Client c) throws IOException {
        Rpc.acceptedReply(x, c.xid);
        boolean denied = c.lastOp == Nfs4.OP_LOCK && c.denied;
        if (c.lastOp == Nfs4.OP_RELEASE_LOCKOWNER) {
            Nfs4.compoundRes(x, Nfs4.NFS4_OK, 1);
            x.u32(Nfs4.OP_RELEASE_LOCKOWNER).u32(Nfs4.NFS4_OK);
            c.step = 0;
            c.flow.send(false, x, TcpFlow.MSS);
            c.waiting = false;
            return;
        }
        Nfs4.compoundRes(x, denied ? Nfs4.NFS4ERR_DENIED : Nfs4.NFS4_OK, 2);
        Nfs4.putfhRes(x);
        switch (c.lastOp) {
            case Nfs4.OP_CLOSE -> {
                c.openSeqid++;
                Nfs4.stateid(x.u32(Nfs4.OP_CLOSE).u32(Nfs4.NFS4_OK), 2, c.openOther);
                // A lock owner whose every LOCK was denied has no state on the server to release.
                c.step = c.lockState ? RELEASE : 0;
            }
            case Nfs4.OP_OPEN -> {
                c.openSeqid++;
                c.lockSeqid = 0; // the next lock owner is new
                c.lockState = false;
                c.openOther = Addresses.handle(Addresses.key(Addresses.OPEN_STATEID, c.n, c.file), 12);
                Nfs4.stateid(x.u32(Nfs4.OP_OPEN).u32(Nfs4.NFS4_OK), 1, c.openOther);
                x.bool(true).u64(c.file).u64(c.file + 1L).u32(0).u32(0).u32(0); // cinfo, rflags, attrset, no delegation
                c.step = 1;
            }
            case Nfs4.OP_LOCK -> {
                boolean first = c.step == 1;
                if (first) {
                    c.openSeqid++;
                }
                c.lockSeqid++;
                if (denied) {
                    Nfs4.lockDenied(x, c.offset, 512, CLIENT_ID_BASE, "someone-else".getBytes(StandardCharsets.US_ASCII));
                    // A denied first lock creates no lock stateid, so the next LOCK names the owner
                    // as new again; DENIED still used up both seqids (RFC 7530 §9.1.7), so it
                    // carries the next lock seqid, as the Linux client's does.
                    c.step = first ? 1 : c.step + 2;
                } else {
                    if (first) {
                        c.lockOther = Addresses.handle(Addresses.key(Addresses.LOCK_STATEID, c.n, c.file), 12);
                        c.lockStateSeq = 1;
                        c.lockState = true;
                    } else {
                        c.lockStateSeq++;
                    }
                    Nfs4.lockOk(x, c.lockStateSeq, c.lockOther);
                    c.step = first ? 3 : c.step + 1;
                }
            }
            default -> {
                c.lockSeqid++;
                c.lockStateSeq++;
                Nfs4.stateid(x.u32(Nfs4.OP_LOCKU).u32(Nfs4.NFS4_OK), c.lockStateSeq, c.lockOther);
                c.step = c.step + 1;
            }
        }
        c.flow.send(false, x, TcpFlow.MSS);
        c.waiting = false;
    }
}
