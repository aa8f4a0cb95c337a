package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** FREE_STATEID (45), RFC 8881 §18.38. */
public record FreeStateid(Stateid stateid) implements Nfs4Op {
    public static final int OPCODE = 45;

    static FreeStateid read(XdrReader r) {
        return new FreeStateid(Stateid.read(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        stateid.describe("stateid", out);
    }
}
