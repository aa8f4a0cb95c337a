package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/**
 * {@code nlm_testargs}: TEST and TEST_MSG, and also the server's GRANTED and GRANTED_MSG callbacks,
 * which describe the lock being granted in the same shape.
 */
public record TestArgs(String cookieHex, boolean exclusive, NlmLock lock) implements NlmArgs {

    static TestArgs read(PartialReader r, boolean nlm4) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        boolean exclusive = r.bool("exclusive");
        return new TestArgs(cookie, exclusive, NlmLock.read(r, nlm4));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        out.field("exclusive", exclusive);
        lock.describe(out);
    }
}
