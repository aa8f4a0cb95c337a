package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** DESTROY_SESSION (44), RFC 8881 §18.37. */
public record DestroySession(String sessionid) implements Nfs4Op {
    public static final int OPCODE = 44;

    static DestroySession read(XdrReader r) {
        return new DestroySession(Nfs4Xdr.sessionid(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("sessionid", sessionid);
    }
}
