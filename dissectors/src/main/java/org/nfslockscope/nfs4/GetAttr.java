package org.nfslockscope.nfs4;

import java.util.Arrays;
import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** GETATTR (9): the attribute bitmap asked for. Only lease_time matters to the lock view. */
public record GetAttr(int[] attrRequest) implements Nfs4Op {
    public static final int OPCODE = 9;

    static GetAttr read(XdrReader r) {
        return new GetAttr(Nfs4Xdr.bitmap(r));
    }

    public boolean asksLeaseTime() {
        return Nfs4Xdr.hasAttr(attrRequest, Nfs4Xdr.ATTR_LEASE_TIME);
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetAttr g && Arrays.equals(attrRequest, g.attrRequest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(attrRequest);
    }

    @Override
    public String toString() {
        return "GetAttr" + Arrays.toString(attrRequest);
    }

    /** {@code leaseTime} in seconds, or -1 when the reply did not carry it. */
    public record Result(int status, long leaseTime) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            return new Result(status, status == 0 ? Nfs4Xdr.leaseTime(r) : -1);
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (leaseTime >= 0) {
                out.field("leaseTime", leaseTime);
            }
        }
    }
}
