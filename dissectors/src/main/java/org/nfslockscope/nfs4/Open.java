package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/**
 * OPEN (18), RFC 7530 §16.16 and RFC 8881 §18.16. {@code createMode} is -1 for a plain open
 * (OPEN4_NOCREATE); {@code createVerifier} is set for the exclusive create modes.
 */
public record Open(int seqid, int shareAccess, int shareDeny, StateOwner owner, int createMode,
                   String createVerifier, Claim claim) implements Nfs4Op {
    public static final int OPCODE = 18;
    public static final int CLAIM_NULL = 0;
    public static final int CLAIM_PREVIOUS = 1;
    public static final int CLAIM_DELEGATE_CUR = 2;
    public static final int CLAIM_DELEGATE_PREV = 3;
    public static final int CLAIM_FH = 4;
    public static final int CLAIM_DELEG_CUR_FH = 5;
    public static final int CLAIM_DELEG_PREV_FH = 6;

    /**
     * open_claim4. Only the fields of the chosen arm are set: {@code file} for the claims that
     * name a file, {@code delegateType} for CLAIM_PREVIOUS (-1 otherwise), and
     * {@code delegateStateid} for the claims that present a current delegation.
     */
    public record Claim(int type, String file, int delegateType, Stateid delegateStateid) {
        /** CLAIM_PREVIOUS and the delegation-reclaim claims are reclaims after a server restart. */
        public boolean isReclaim() {
            return type == CLAIM_PREVIOUS || type == CLAIM_DELEGATE_PREV || type == CLAIM_DELEG_PREV_FH;
        }

        static Claim read(XdrReader r) {
            int type = r.u32();
            return switch (type) {
                case CLAIM_NULL, CLAIM_DELEGATE_PREV -> new Claim(type, Nfs4Xdr.component(r), -1, null);
                case CLAIM_PREVIOUS -> new Claim(type, null, r.u32(), null);
                case CLAIM_DELEGATE_CUR -> {
                    Stateid s = Stateid.read(r);
                    yield new Claim(type, Nfs4Xdr.component(r), -1, s);
                }
                case CLAIM_FH, CLAIM_DELEG_PREV_FH -> new Claim(type, null, -1, null);
                case CLAIM_DELEG_CUR_FH -> new Claim(type, null, -1, Stateid.read(r));
                default -> throw new XdrException("open_claim4 type " + type, r.offset() - 4);
            };
        }
    }

    static Open read(XdrReader r) {
        int seqid = r.u32();
        int access = r.u32();
        int deny = r.u32();
        StateOwner owner = StateOwner.read(r);
        int mode = -1;
        String verifier = null;
        int opentype = r.u32();
        if (opentype == 1) {
            mode = r.u32();
            switch (mode) {
                case 0, 1 -> Nfs4Xdr.skipFattr(r);
                case 2 -> verifier = Nfs4Xdr.verifier(r);
                case 3 -> {
                    verifier = Nfs4Xdr.verifier(r);
                    Nfs4Xdr.skipFattr(r);
                }
                default -> throw new XdrException("createmode4 " + mode, r.offset() - 4);
            }
        } else if (opentype != 0) {
            throw new XdrException("opentype4 " + opentype, r.offset() - 4);
        }
        return new Open(seqid, access, deny, owner, mode, verifier, Claim.read(r));
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        Nfs4Fields.unsigned(out, "seqid", seqid);
        Nfs4Fields.unsigned(out, "shareAccess", shareAccess);
        Nfs4Fields.unsigned(out, "shareDeny", shareDeny);
        owner.describe(out);
        if (createMode >= 0) {
            out.field("createMode", createMode);
        }
        out.field("claim", Nfs4Names.claim(claim.type()));
        if (claim.file() != null) {
            out.field("name", claim.file());
        }
        if (claim.delegateType() >= 0) {
            out.field("delegateType", Nfs4Names.delegationType(claim.delegateType()));
        }
        if (claim.delegateStateid() != null) {
            claim.delegateStateid().describe("delegateStateid", out);
        }
    }

    /** OPEN4resok; only {@code status} is set when the open failed. */
    public record Result(int status, Stateid stateid, int rflags, Delegation delegation) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, null, 0, null);
            }
            Stateid s = Stateid.read(r);
            Nfs4Xdr.skipChangeInfo(r);
            int rflags = r.u32();
            Nfs4Xdr.skipBitmap(r);
            return new Result(status, s, rflags, Delegation.read(r));
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (stateid == null) {
                return;
            }
            stateid.describe("stateid", out);
            Nfs4Fields.unsigned(out, "rflags", rflags);
            out.field("delegation", Nfs4Names.delegationType(delegation.type()));
            if (delegation.stateid() != null) {
                delegation.stateid().describe("delegationStateid", out);
            }
        }
    }
}
