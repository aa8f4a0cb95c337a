package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/**
 * {@code nlm_res}: the result of LOCK, CANCEL, UNLOCK, GRANTED and NM_LOCK, and the arguments of
 * LOCK_RES, CANCEL_RES, UNLOCK_RES and GRANTED_RES. The cookie is what ties a _RES to its _MSG.
 */
public record Res(String cookieHex, int stat) implements NlmArgs, NlmResult {

    static Res read(PartialReader r) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        return new Res(cookie, r.u32("stat"));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        NlmFields.stat(out, version, stat);
    }
}
