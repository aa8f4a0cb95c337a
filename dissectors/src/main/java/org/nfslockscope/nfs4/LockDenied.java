package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** LOCK4denied: the conflicting lock a LOCK or LOCKT was refused for, with its owner. */
public record LockDenied(long offset, long length, int locktype, StateOwner owner) {

    static LockDenied read(XdrReader r) {
        long offset = r.u64();
        long length = r.u64();
        int type = r.u32();
        return new LockDenied(offset, length, type, StateOwner.read(r));
    }

    void describe(FieldWriter out) {
        out.beginObject("denied");
        Nfs4Fields.offset(out, "offset", offset);
        Nfs4Fields.length(out, "length", length);
        out.field("locktype", Nfs4Names.lockType(locktype));
        owner.describe(out);
        out.endObject();
    }
}
