package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** {@code nlm_shareres}: the result of SHARE and UNSHARE. */
public record ShareRes(String cookieHex, int stat, int sequence) implements NlmResult {

    static ShareRes read(PartialReader r) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        int stat = r.u32("stat");
        return new ShareRes(cookie, stat, r.u32("sequence"));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        NlmFields.stat(out, version, stat);
        out.field("sequence", sequence);
    }
}
