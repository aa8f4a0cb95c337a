package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** SETATTR (34): a size change needs a stateid, which is checked against locks like a WRITE. */
public record SetAttr(Stateid stateid) implements Nfs4Op {
    public static final int OPCODE = 34;

    static SetAttr read(XdrReader r) {
        Stateid s = Stateid.read(r);
        Nfs4Xdr.skipFattr(r);
        return new SetAttr(s);
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
