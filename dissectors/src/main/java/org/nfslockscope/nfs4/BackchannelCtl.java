package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** BACKCHANNEL_CTL (40), RFC 8881 §18.33: sets the callback program for the session's backchannel. */
public record BackchannelCtl(int cbProgram) implements Nfs4Op {
    public static final int OPCODE = 40;

    static BackchannelCtl read(XdrReader r) {
        int program = r.u32();
        int n = r.count(Nfs4Xdr.MAX_STRING, 4, "bca_sec_parms");
        for (int i = 0; i < n; i++) {
            Nfs4Xdr.skipCallbackSecParms(r);
        }
        return new BackchannelCtl(program);
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        Nfs4Fields.unsigned(out, "cbProgram", cbProgram);
    }
}
