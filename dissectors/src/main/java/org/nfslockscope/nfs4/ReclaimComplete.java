package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** RECLAIM_COMPLETE (58), RFC 8881 §18.51: the client has finished reclaiming (for one file system when oneFs). */
public record ReclaimComplete(boolean oneFs) implements Nfs4Op {
    public static final int OPCODE = 58;

    static ReclaimComplete read(XdrReader r) {
        return new ReclaimComplete(r.bool());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("oneFs", oneFs);
    }
}
