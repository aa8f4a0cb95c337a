package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** DESTROY_CLIENTID (57), RFC 8881 §18.50. */
public record DestroyClientid(long clientid) implements Nfs4Op {
    public static final int OPCODE = 57;

    static DestroyClientid read(XdrReader r) {
        return new DestroyClientid(r.u64());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("clientid", Nfs4Fields.clientid(clientid));
    }
}
