package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** DELEGRETURN (8), RFC 7530 §16.8: gives a delegation back. */
public record DelegReturn(Stateid delegStateid) implements Nfs4Op {
    public static final int OPCODE = 8;

    static DelegReturn read(XdrReader r) {
        return new DelegReturn(Stateid.read(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        delegStateid.describe("stateid", out);
    }
}
