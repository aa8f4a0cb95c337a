package org.nfslockscope.nfs4;

import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/**
 * open_delegation4 (RFC 8881 §18.16.2): the delegation an OPEN or WANT_DELEGATION handed out.
 * {@code stateid} is null for the "no delegation" arms; {@code why} is the reason the server
 * gave for OPEN_DELEGATE_NONE_EXT (-1 otherwise).
 */
public record Delegation(int type, Stateid stateid, boolean recall, int why) {
    static final int NONE = 0;
    static final int READ = 1;
    static final int WRITE = 2;
    static final int NONE_EXT = 3;
    private static final int WND4_CONTENTION = 7;
    private static final int WND4_RESOURCE = 8;

    static Delegation read(XdrReader r) {
        int type = r.u32();
        switch (type) {
            case NONE:
                return new Delegation(type, null, false, -1);
            case READ, WRITE: {
                Stateid s = Stateid.read(r);
                boolean recall = r.bool();
                if (type == WRITE) {
                    skipSpaceLimit(r);
                }
                Nfs4Xdr.skipNfsace(r);
                return new Delegation(type, s, recall, -1);
            }
            case NONE_EXT: {
                int why = r.u32();
                if (why == WND4_CONTENTION || why == WND4_RESOURCE) {
                    r.bool();
                }
                return new Delegation(type, null, false, why);
            }
            default:
                throw new XdrException("open_delegation_type4 " + type, r.offset() - 4);
        }
    }

    /** nfs_space_limit4: a size, or a block count and block size. */
    private static void skipSpaceLimit(XdrReader r) {
        int limitby = r.u32();
        if (limitby != 1 && limitby != 2) {
            throw new XdrException("limit_by4 " + limitby, r.offset() - 4);
        }
        r.skip(8);
    }
}
