package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** CB_RECALL (callback op 4), RFC 7530 §16.2 of the callback program: the server wants a delegation back. */
public record CbRecall(Stateid stateid, boolean truncate, String fh) implements CbOp {
    public static final int OPCODE = 4;

    static CbRecall read(XdrReader r) {
        Stateid s = Stateid.read(r);
        boolean truncate = r.bool();
        return new CbRecall(s, truncate, Nfs4Xdr.fh(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        stateid.describe("stateid", out);
        out.field("truncate", truncate).field("fh", fh);
    }
}
