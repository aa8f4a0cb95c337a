package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** {@code nlm_shareargs}: SHARE and UNSHARE (NLMv3 and v4). */
public record ShareArgs(String cookieHex, Share share, boolean reclaim) implements NlmArgs {

    static ShareArgs read(PartialReader r) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        Share share = Share.read(r);
        return new ShareArgs(cookie, share, r.bool("reclaim"));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        out.field("reclaim", reclaim);
        share.describe(out);
    }
}
