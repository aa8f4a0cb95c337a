package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** GETFH (10): no arguments; the result is the only place a capture shows the current filehandle after OPEN or LOOKUP. */
public record GetFh() implements Nfs4Op {
    public static final int OPCODE = 10;

    @Override
    public int opcode() {
        return OPCODE;
    }

    /** The current filehandle as hex. */
    public record Result(int status, String fh) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            return new Result(status, status == 0 ? Nfs4Xdr.fh(r) : null);
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (fh != null) {
                out.field("fh", fh);
            }
        }
    }
}
