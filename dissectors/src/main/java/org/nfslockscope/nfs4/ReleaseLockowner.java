package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** RELEASE_LOCKOWNER (39, NFSv4.0 only), RFC 7530 §16.37: frees a lock-owner's state. */
public record ReleaseLockowner(StateOwner lockOwner) implements Nfs4Op {
    public static final int OPCODE = 39;

    static ReleaseLockowner read(XdrReader r) {
        return new ReleaseLockowner(StateOwner.read(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        lockOwner.describe(out);
    }
}
