package org.nfslockscope.nfs4;

import java.util.ArrayList;
import java.util.List;
import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** TEST_STATEID (55), RFC 8881 §18.48: asks which of these stateids are still valid. */
public record TestStateid(List<Stateid> stateids) implements Nfs4Op {
    public static final int OPCODE = 55;

    static TestStateid read(XdrReader r) {
        int n = r.count(Nfs4Xdr.MAX_STRING, 16, "ts_stateids");
        List<Stateid> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(Stateid.read(r));
        }
        return new TestStateid(List.copyOf(list));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.beginArray("stateids");
        for (Stateid s : stateids) {
            s.describe(null, out);
        }
        out.endArray();
    }

    /** One status per stateid asked about, in the same order. */
    public record Result(int status, List<Integer> codes) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, List.of());
            }
            int n = r.count(Nfs4Xdr.MAX_STRING, 4, "tsr_status_codes");
            List<Integer> codes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                codes.add(r.u32());
            }
            return new Result(status, List.copyOf(codes));
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            out.beginArray("codes");
            for (int c : codes) {
                out.value(Nfs4Names.status(c));
            }
            out.endArray();
        }
    }
}
