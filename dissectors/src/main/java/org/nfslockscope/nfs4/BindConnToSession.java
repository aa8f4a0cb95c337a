package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/**
 * BIND_CONN_TO_SESSION (41), RFC 8881 §18.34: binds the connection to a session for the fore
 * channel (1), back channel (2) or both (3, 7). A back binding is where callbacks will travel.
 */
public record BindConnToSession(String sessionid, int dir, boolean useRdma) implements Nfs4Op {
    public static final int OPCODE = 41;

    static BindConnToSession read(XdrReader r) {
        String sessionid = Nfs4Xdr.sessionid(r);
        int dir = r.u32();
        return new BindConnToSession(sessionid, dir, r.bool());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("sessionid", sessionid);
        Nfs4Fields.unsigned(out, "dir", dir);
    }

    /** The direction the server actually bound. */
    public record Result(int status, String sessionid, int dir, boolean useRdma) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, null, 0, false);
            }
            String sessionid = Nfs4Xdr.sessionid(r);
            int dir = r.u32();
            return new Result(status, sessionid, dir, r.bool());
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (sessionid != null) {
                out.field("sessionid", sessionid);
                Nfs4Fields.unsigned(out, "dir", dir);
            }
        }
    }
}
