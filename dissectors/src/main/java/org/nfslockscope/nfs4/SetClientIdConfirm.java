package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** SETCLIENTID_CONFIRM (36, NFSv4.0 only), RFC 7530 §16.34. */
public record SetClientIdConfirm(long clientid, String verifier) implements Nfs4Op {
    public static final int OPCODE = 36;

    static SetClientIdConfirm read(XdrReader r) {
        long clientid = r.u64();
        return new SetClientIdConfirm(clientid, Nfs4Xdr.verifier(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("clientid", Nfs4Fields.clientid(clientid)).field("verifier", verifier);
    }
}
