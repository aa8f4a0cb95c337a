package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** LOCKU (14), RFC 7530 §16.12. The lock type is carried but ignored by servers. */
public record LockU(int locktype, int seqid, Stateid lockStateid, long offset, long length) implements Nfs4Op {
    public static final int OPCODE = 14;

    static LockU read(XdrReader r) {
        int type = r.u32();
        int seqid = r.u32();
        Stateid stateid = Stateid.read(r);
        long offset = r.u64();
        return new LockU(type, seqid, stateid, offset, r.u64());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("locktype", Nfs4Names.lockType(locktype));
        Nfs4Fields.unsigned(out, "seqid", seqid);
        lockStateid.describe("stateid", out);
        Nfs4Fields.offset(out, "offset", offset);
        Nfs4Fields.length(out, "length", length);
    }
}
