package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** PUTFH (22): sets the current filehandle. */
public record PutFh(String fh) implements Nfs4Op {
    public static final int OPCODE = 22;

    static PutFh read(XdrReader r) {
        return new PutFh(Nfs4Xdr.fh(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("fh", fh);
    }
}
