package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** LOOKUP (15): moves the current filehandle to a name in the current directory. */
public record Lookup(String objname) implements Nfs4Op {
    public static final int OPCODE = 15;

    static Lookup read(XdrReader r) {
        return new Lookup(Nfs4Xdr.component(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("name", objname);
    }
}
