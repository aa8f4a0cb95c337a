package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/**
 * state_owner4, the type behind both open_owner4 and lock_owner4 (RFC 7530 typedefs them to
 * it). The two are separate namespaces on the server, so callers keep track of which one this is.
 */
public record StateOwner(long clientid, String ownerHex) {
    static final int MAX_OWNER = 1024;

    static StateOwner read(XdrReader r) {
        long clientid = r.u64();
        return new StateOwner(clientid, r.hexOpaque(MAX_OWNER));
    }

    void describe(FieldWriter out) {
        out.field("clientid", Nfs4Fields.clientid(clientid)).field("owner", ownerHex);
    }
}
