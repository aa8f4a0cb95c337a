package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** CLOSE (4), RFC 7530 §16.2. Result: {@link StateidResult}. */
public record Close(int seqid, Stateid openStateid) implements Nfs4Op {
    public static final int OPCODE = 4;

    static Close read(XdrReader r) {
        int seqid = r.u32();
        return new Close(seqid, Stateid.read(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        Nfs4Fields.unsigned(out, "seqid", seqid);
        openStateid.describe("stateid", out);
    }
}
