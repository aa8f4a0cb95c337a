package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/**
 * CREATE_SESSION (43), RFC 8881 §18.36. {@code cbProgram} is the program number callbacks on
 * this session's backchannel will use; flag 0x2 asks for this connection as the backchannel.
 */
public record CreateSession(long clientid, int sequenceid, int flags, int foreSlots, int backSlots, int cbProgram)
        implements Nfs4Op {
    public static final int OPCODE = 43;

    static CreateSession read(XdrReader r) {
        long clientid = r.u64();
        int seq = r.u32();
        int flags = r.u32();
        int fore = Nfs4Xdr.channelAttrs(r);
        int back = Nfs4Xdr.channelAttrs(r);
        int program = r.u32();
        int n = r.count(Nfs4Xdr.MAX_STRING, 4, "csa_sec_parms");
        for (int i = 0; i < n; i++) {
            Nfs4Xdr.skipCallbackSecParms(r);
        }
        return new CreateSession(clientid, seq, flags, fore, back, program);
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("clientid", Nfs4Fields.clientid(clientid));
        Nfs4Fields.unsigned(out, "sequenceid", sequenceid);
        Nfs4Fields.unsigned(out, "flags", flags);
        Nfs4Fields.unsigned(out, "cbProgram", cbProgram);
    }

    /** The new session and the channel sizes the server granted. */
    public record Result(int status, String sessionid, int sequenceid, int flags, int foreSlots, int backSlots)
            implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, null, 0, 0, 0, 0);
            }
            String sessionid = Nfs4Xdr.sessionid(r);
            int seq = r.u32();
            int flags = r.u32();
            int fore = Nfs4Xdr.channelAttrs(r);
            return new Result(status, sessionid, seq, flags, fore, Nfs4Xdr.channelAttrs(r));
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (sessionid == null) {
                return;
            }
            out.field("sessionid", sessionid);
            Nfs4Fields.unsigned(out, "sequenceid", sequenceid);
            Nfs4Fields.unsigned(out, "flags", flags);
        }
    }
}
