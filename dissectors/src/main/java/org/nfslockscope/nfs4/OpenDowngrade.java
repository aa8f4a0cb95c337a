package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** OPEN_DOWNGRADE (21), RFC 7530 §16.19. Result: {@link StateidResult}. */
public record OpenDowngrade(Stateid openStateid, int seqid, int shareAccess, int shareDeny) implements Nfs4Op {
    public static final int OPCODE = 21;

    static OpenDowngrade read(XdrReader r) {
        Stateid s = Stateid.read(r);
        int seqid = r.u32();
        int access = r.u32();
        return new OpenDowngrade(s, seqid, access, r.u32());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        openStateid.describe("stateid", out);
        Nfs4Fields.unsigned(out, "seqid", seqid);
        Nfs4Fields.unsigned(out, "shareAccess", shareAccess);
        Nfs4Fields.unsigned(out, "shareDeny", shareDeny);
    }
}
