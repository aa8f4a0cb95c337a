package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/**
 * SETCLIENTID (35, NFSv4.0 only), RFC 7530 §16.33. {@code id} is the client's stable identity
 * and {@code verifier} its boot instance; the callback fields say where the server calls back
 * and {@code callbackIdent} is echoed in every CB_COMPOUND.
 */
public record SetClientId(String verifier, String idHex, int cbProgram, NetAddr cbLocation, int callbackIdent)
        implements Nfs4Op {
    public static final int OPCODE = 35;
    static final int NFS4ERR_CLID_INUSE = 10017;

    static SetClientId read(XdrReader r) {
        String verifier = Nfs4Xdr.verifier(r);
        String id = r.hexOpaque(StateOwner.MAX_OWNER);
        int program = r.u32();
        NetAddr location = NetAddr.read(r);
        return new SetClientId(verifier, id, program, location, r.u32());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("verifier", verifier).field("id", idHex);
        Nfs4Fields.unsigned(out, "cbProgram", cbProgram);
        out.field("cbNetid", cbLocation.netid()).field("cbAddr", cbLocation.addr());
        Nfs4Fields.unsigned(out, "callbackIdent", callbackIdent);
    }

    /** The new clientid and confirm verifier, or on CLID_INUSE the address of the client using the id. */
    public record Result(int status, long clientid, String confirmVerifier, NetAddr clientUsing)
            implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status == 0) {
                long clientid = r.u64();
                return new Result(status, clientid, Nfs4Xdr.verifier(r), null);
            }
            return new Result(status, 0, null, status == NFS4ERR_CLID_INUSE ? NetAddr.read(r) : null);
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (confirmVerifier != null) {
                out.field("clientid", Nfs4Fields.clientid(clientid)).field("verifier", confirmVerifier);
            }
            if (clientUsing != null) {
                out.field("clientUsingNetid", clientUsing.netid()).field("clientUsingAddr", clientUsing.addr());
            }
        }
    }
}
