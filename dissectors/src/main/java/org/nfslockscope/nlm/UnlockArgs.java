package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** {@code nlm_unlockargs}: UNLOCK and UNLOCK_MSG. */
public record UnlockArgs(String cookieHex, NlmLock lock) implements NlmArgs {

    static UnlockArgs read(PartialReader r, boolean nlm4) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        return new UnlockArgs(cookie, NlmLock.read(r, nlm4));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        lock.describe(out);
    }
}
