package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** LOCK (12), RFC 7530 §16.10. */
public record Lock(int locktype, boolean reclaim, long offset, long length, Locker locker) implements Nfs4Op {
    public static final int OPCODE = 12;
    static final int NFS4ERR_DENIED = 10010;

    /** locker4: which arm the client chose says whether the lock-owner is new to the server. */
    public sealed interface Locker permits OpenToLockOwner, ExistLockOwner {
    }

    /** open_to_lock_owner4: first lock of this lock-owner on this open; the open-owner's seqid moves. */
    public record OpenToLockOwner(int openSeqid, Stateid openStateid, int lockSeqid, StateOwner lockOwner)
            implements Locker {
    }

    /** exist_lock_owner4: the lock-owner already has a lock stateid for the file. */
    public record ExistLockOwner(Stateid lockStateid, int lockSeqid) implements Locker {
    }

    static Lock read(XdrReader r) {
        int type = r.u32();
        boolean reclaim = r.bool();
        long offset = r.u64();
        long length = r.u64();
        Locker locker;
        if (r.bool()) {
            int openSeqid = r.u32();
            Stateid open = Stateid.read(r);
            int lockSeqid = r.u32();
            locker = new OpenToLockOwner(openSeqid, open, lockSeqid, StateOwner.read(r));
        } else {
            Stateid lock = Stateid.read(r);
            locker = new ExistLockOwner(lock, r.u32());
        }
        return new Lock(type, reclaim, offset, length, locker);
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("locktype", Nfs4Names.lockType(locktype)).field("reclaim", reclaim);
        Nfs4Fields.offset(out, "offset", offset);
        Nfs4Fields.length(out, "length", length);
        if (locker instanceof OpenToLockOwner o) {
            out.field("newLockOwner", true);
            Nfs4Fields.unsigned(out, "openSeqid", o.openSeqid());
            o.openStateid().describe("stateid", out);
            Nfs4Fields.unsigned(out, "lockSeqid", o.lockSeqid());
            o.lockOwner().describe(out);
        } else if (locker instanceof ExistLockOwner e) {
            out.field("newLockOwner", false);
            e.lockStateid().describe("stateid", out);
            Nfs4Fields.unsigned(out, "lockSeqid", e.lockSeqid());
        }
    }

    /** LOCK4res: the lock stateid when granted, the conflicting lock when denied. */
    public record Result(int status, Stateid stateid, LockDenied denied) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status == 0) {
                return new Result(status, Stateid.read(r), null);
            }
            return new Result(status, null, status == NFS4ERR_DENIED ? LockDenied.read(r) : null);
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (stateid != null) {
                stateid.describe("stateid", out);
            }
            if (denied != null) {
                denied.describe(out);
            }
        }
    }
}
