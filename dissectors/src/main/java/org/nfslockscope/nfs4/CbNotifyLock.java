package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** CB_NOTIFY_LOCK (callback op 13), RFC 8881 §20.11: a hint that a denied lock may now be free. */
public record CbNotifyLock(String fh, StateOwner lockOwner) implements CbOp {
    public static final int OPCODE = 13;

    static CbNotifyLock read(XdrReader r) {
        String fh = Nfs4Xdr.fh(r);
        return new CbNotifyLock(fh, StateOwner.read(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("fh", fh);
        lockOwner.describe(out);
    }
}
