package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** {@code nlm_cancargs}: CANCEL and CANCEL_MSG, naming the blocked request by its lock parameters. */
public record CancelArgs(String cookieHex, boolean block, boolean exclusive, NlmLock lock) implements NlmArgs {

    static CancelArgs read(PartialReader r, boolean nlm4) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        boolean block = r.bool("block");
        boolean exclusive = r.bool("exclusive");
        return new CancelArgs(cookie, block, exclusive, NlmLock.read(r, nlm4));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        out.field("block", block);
        out.field("exclusive", exclusive);
        lock.describe(out);
    }
}
