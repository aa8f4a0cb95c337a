package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/**
 * EXCHANGE_ID (42), RFC 8881 §18.35. {@code ownerIdHex} (co_ownerid) is the client's stable
 * identity; a new {@code verifier} for a known owner means the client rebooted.
 */
public record ExchangeId(String verifier, String ownerIdHex, int flags, int stateProtect) implements Nfs4Op {
    public static final int OPCODE = 42;
    private static final int SP4_NONE = 0;
    private static final int SP4_MACH_CRED = 1;
    private static final int SP4_SSV = 2;

    static ExchangeId read(XdrReader r) {
        String verifier = Nfs4Xdr.verifier(r);
        String owner = r.hexOpaque(StateOwner.MAX_OWNER);
        int flags = r.u32();
        int how = r.u32();
        switch (how) {
            case SP4_NONE -> { }
            case SP4_MACH_CRED -> Nfs4Xdr.skipStateProtectOps(r);
            case SP4_SSV -> {
                Nfs4Xdr.skipStateProtectOps(r);
                Nfs4Xdr.skipOpaqueList(r, "ssp_hash_algs");
                Nfs4Xdr.skipOpaqueList(r, "ssp_encr_algs");
                r.skip(8);
            }
            default -> throw new XdrException("state_protect_how4 " + how, r.offset() - 4);
        }
        Nfs4Xdr.skipImplId(r);
        return new ExchangeId(verifier, owner, flags, how);
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("verifier", verifier).field("ownerId", ownerIdHex);
        Nfs4Fields.unsigned(out, "flags", flags);
    }

    /** The client ID, the sequence CREATE_SESSION must use next, and the server's owner for trunking. */
    public record Result(int status, long clientid, int sequenceid, int flags, String serverMajorIdHex)
            implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, 0, 0, 0, null);
            }
            long clientid = r.u64();
            int seq = r.u32();
            int flags = r.u32();
            int how = r.u32();
            switch (how) {
                case SP4_NONE -> { }
                case SP4_MACH_CRED -> Nfs4Xdr.skipStateProtectOps(r);
                case SP4_SSV -> {
                    Nfs4Xdr.skipStateProtectOps(r);
                    r.skip(16);
                    Nfs4Xdr.skipOpaqueList(r, "spi_handles");
                }
                default -> throw new XdrException("state_protect_how4 " + how, r.offset() - 4);
            }
            r.skip(8);
            String major = r.hexOpaque(StateOwner.MAX_OWNER);
            r.skipOpaque(StateOwner.MAX_OWNER);
            Nfs4Xdr.skipImplId(r);
            return new Result(status, clientid, seq, flags, major);
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (serverMajorIdHex == null) {
                return;
            }
            out.field("clientid", Nfs4Fields.clientid(clientid));
            Nfs4Fields.unsigned(out, "sequenceid", sequenceid);
            Nfs4Fields.unsigned(out, "flags", flags);
        }
    }
}
