package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/**
 * The result of the operations that answer NFS4_OK with nothing but a new stateid version:
 * CLOSE, LOCKU, OPEN_CONFIRM, OPEN_DOWNGRADE.
 */
public record StateidResult(int opcode, int status, Stateid stateid) implements Nfs4Result {

    static StateidResult read(int opcode, int status, XdrReader r) {
        return new StateidResult(opcode, status, status == 0 ? Stateid.read(r) : null);
    }

    @Override
    public void describe(FieldWriter out) {
        if (stateid != null) {
            stateid.describe("stateid", out);
        }
    }
}
