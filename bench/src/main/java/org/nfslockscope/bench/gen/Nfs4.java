package org.nfslockscope.bench.gen;

/** NFSv4 COMPOUND pieces (RFC 7530, RFC 8881) written into an {@link Xdr} after the RPC header. */
final class Nfs4 {
    static final int OP_CLOSE = 4;
    static final int OP_LOCK = 12;
    static final int OP_LOCKU = 14;
    static final int OP_OPEN = 18;
    static final int OP_PUTFH = 22;
    static final int OP_WRITE = 38;
    static final int OP_RELEASE_LOCKOWNER = 39;
    static final int OP_SEQUENCE = 53;
    static final int NFS4_OK = 0;
    static final int NFS4ERR_DENIED = 10010;
    static final int WRITE_LT = 2;
    static final int FILE_SYNC4 = 2;

    private Nfs4() {
    }

    static Xdr compoundArgs(Xdr x, int minor, int ops) {
        return x.u32(0).u32(minor).u32(ops); // empty tag
    }

    static Xdr compoundRes(Xdr x, int status, int ops) {
        return x.u32(status).u32(0).u32(ops);
    }

    static Xdr sequenceArgs(Xdr x, byte[] session, int seqid, int slot) {
        return x.u32(OP_SEQUENCE).fixed(session).u32(seqid).u32(slot).u32(63).bool(false);
    }

    static Xdr sequenceRes(Xdr x, byte[] session, int seqid, int slot) {
        return x.u32(OP_SEQUENCE).u32(NFS4_OK).fixed(session).u32(seqid).u32(slot).u32(63).u32(63).u32(0);
    }

    static Xdr putfh(Xdr x, byte[] fh) {
        return x.u32(OP_PUTFH).opaque(fh);
    }

    static Xdr putfhRes(Xdr x) {
        return x.u32(OP_PUTFH).u32(NFS4_OK);
    }

    static Xdr stateid(Xdr x, int seqid, byte[] other) {
        return x.u32(seqid).fixed(other);
    }

    /** LOCK by an owner that already holds a lock stateid (exist_lock_owner4). */
    static Xdr lockExisting(Xdr x, long offset, long length, int stateSeq, byte[] other, int lockSeqid) {
        x.u32(OP_LOCK).u32(WRITE_LT).bool(false).u64(offset).u64(length).bool(false);
        return stateid(x, stateSeq, other).u32(lockSeqid);
    }

    /** LOCK by a new lock owner, opened from an open stateid (open_to_lock_owner4). */
    static Xdr lockNewOwner(Xdr x, long offset, long length, int openSeqid, int openStateSeq, byte[] openOther,
                            int lockSeqid, long clientId, byte[] owner) {
        x.u32(OP_LOCK).u32(WRITE_LT).bool(false).u64(offset).u64(length).bool(true).u32(openSeqid);
        return stateid(x, openStateSeq, openOther).u32(lockSeqid).u64(clientId).opaque(owner);
    }

    static Xdr lockOk(Xdr x, int stateSeq, byte[] other) {
        return stateid(x.u32(OP_LOCK).u32(NFS4_OK), stateSeq, other);
    }

    /** LOCK4denied: the conflicting lock and its owner. */
    static Xdr lockDenied(Xdr x, long offset, long length, long clientId, byte[] owner) {
        return x.u32(OP_LOCK).u32(NFS4ERR_DENIED).u64(offset).u64(length).u32(WRITE_LT).u64(clientId).opaque(owner);
    }
}
