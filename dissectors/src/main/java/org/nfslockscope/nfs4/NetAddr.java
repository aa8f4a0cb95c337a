package org.nfslockscope.nfs4;

import org.nfslockscope.xdr.XdrReader;

/** netaddr4: a netid ("tcp", "tcp6") and an RPC universal address ("a.b.c.d.p1.p2"). */
public record NetAddr(String netid, String addr) {

    static NetAddr read(XdrReader r) {
        String netid = r.string(Nfs4Xdr.MAX_STRING);
        return new NetAddr(netid, r.string(Nfs4Xdr.MAX_STRING));
    }
}
