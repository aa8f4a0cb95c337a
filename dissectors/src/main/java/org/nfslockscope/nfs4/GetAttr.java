package org.nfslockscope.nfs4;

import java.util.List;
import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** GETATTR (9): the attribute bitmap asked for. Only lease_time matters to the lock view. */
public record GetAttr(List<Integer> attrRequest) implements Nfs4Op {
    public static final int OPCODE = 9;

    static GetAttr read(XdrReader r) {
        return new GetAttr(Nfs4Xdr.asList(Nfs4Xdr.bitmap(r)));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    /**
     * The attributes the server returned ({@code attrmask}, as bitmap words) and, among them,
     * {@code leaseTime} in seconds, or -1 when the reply did not carry it.
     */
    public record Result(int status, List<Integer> attrmask, long leaseTime) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, List.of(), -1);
            }
            int[] mask = Nfs4Xdr.bitmap(r);
            XdrReader vals = new XdrReader(r.opaque(Nfs4Xdr.MAX_STRING));
            return new Result(status, Nfs4Xdr.asList(mask), Nfs4Xdr.leaseTime(mask, vals));
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
