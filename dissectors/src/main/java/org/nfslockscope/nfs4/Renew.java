package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** RENEW (30, NFSv4.0 only), RFC 7530 §16.29: renews the client's lease. */
public record Renew(long clientid) implements Nfs4Op {
    public static final int OPCODE = 30;

    static Renew read(XdrReader r) {
        return new Renew(r.u64());
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
