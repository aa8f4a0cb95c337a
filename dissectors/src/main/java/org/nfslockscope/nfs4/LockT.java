package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** LOCKT (13), RFC 7530 §16.11: tests for a conflict without taking the lock. */
public record LockT(int locktype, long offset, long length, StateOwner owner) implements Nfs4Op {
    public static final int OPCODE = 13;

    static LockT read(XdrReader r) {
        int type = r.u32();
        long offset = r.u64();
        long length = r.u64();
        return new LockT(type, offset, length, StateOwner.read(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("locktype", Nfs4Names.lockType(locktype));
        Nfs4Fields.offset(out, "offset", offset);
        Nfs4Fields.length(out, "length", length);
        owner.describe(out);
    }

    /** LOCKT4res: void when no conflict, the conflicting lock when denied. */
    public record Result(int status, LockDenied denied) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            return new Result(status, status == Lock.NFS4ERR_DENIED ? LockDenied.read(r) : null);
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (denied != null) {
                denied.describe(out);
            }
        }
    }
}
