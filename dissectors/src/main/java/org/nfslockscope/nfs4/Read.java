package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** READ (25): the stateid renews the lease and may be checked against locks. The data is skipped, never copied. */
public record Read(Stateid stateid, long offset, int count) implements Nfs4Op {
    public static final int OPCODE = 25;

    static Read read(XdrReader r) {
        Stateid s = Stateid.read(r);
        long offset = r.u64();
        return new Read(s, offset, r.u32());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        stateid.describe("stateid", out);
        Nfs4Fields.offset(out, "offset", offset);
        Nfs4Fields.unsigned(out, "count", count);
    }

    /** Whether the read reached end of file, how many bytes came back, and how many of them the capture lacks. */
    public record Result(int status, boolean eof, int count, long missing) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, false, 0, 0);
            }
            boolean eof = r.bool();
            int count = r.u32();
            return new Result(status, eof, count, Nfs4Xdr.skipPayload(r, Integer.toUnsignedLong(count)));
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
            if (status == 0) {
                out.field("eof", eof);
                Nfs4Fields.unsigned(out, "count", count);
            }
        }
    }
}
