package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** OPEN_CONFIRM (20, NFSv4.0 only), RFC 7530 §16.18. Result: {@link StateidResult}. */
public record OpenConfirm(Stateid openStateid, int seqid) implements Nfs4Op {
    public static final int OPCODE = 20;

    static OpenConfirm read(XdrReader r) {
        Stateid s = Stateid.read(r);
        return new OpenConfirm(s, r.u32());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        openStateid.describe("stateid", out);
        Nfs4Fields.unsigned(out, "seqid", seqid);
    }
}
