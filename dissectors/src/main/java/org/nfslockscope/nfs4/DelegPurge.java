package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** DELEGPURGE (7), RFC 7530 §16.7: drops delegations awaiting reclaim. */
public record DelegPurge(long clientid) implements Nfs4Op {
    public static final int OPCODE = 7;

    static DelegPurge read(XdrReader r) {
        return new DelegPurge(r.u64());
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
