package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/**
 * WRITE (38): like READ, the stateid is what matters; the data is skipped, never copied.
 * {@code missing} counts data bytes the capture did not hold (snaplen, truncated message).
 */
public record Write(Stateid stateid, long offset, int stable, int count, long missing) implements Nfs4Op {
    public static final int OPCODE = 38;

    static Write read(XdrReader r) {
        Stateid s = Stateid.read(r);
        long offset = r.u64();
        int stable = r.u32();
        int count = r.u32();
        return new Write(s, offset, stable, count, Nfs4Xdr.skipPayload(r, Integer.toUnsignedLong(count)));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public long missingBytes() {
        return missing;
    }

    @Override
    public void describe(FieldWriter out) {
        stateid.describe("stateid", out);
        Nfs4Fields.offset(out, "offset", offset);
        Nfs4Fields.unsigned(out, "count", count);
    }

    /** How much the server wrote and how durably; the write verifier is stepped over. */
    public record Result(int status, int count, int committed) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, 0, 0);
            }
            int count = r.u32();
            int committed = r.u32();
            r.skip(Nfs4Xdr.NFS4_VERIFIER_SIZE);
            return new Result(status, count, committed);
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (status == 0) {
                Nfs4Fields.unsigned(out, "count", count);
            }
        }
    }
}
