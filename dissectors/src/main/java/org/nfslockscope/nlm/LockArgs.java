package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/**
 * {@code nlm_lockargs}: LOCK, LOCK_MSG and NM_LOCK. {@code state} is the client's NSM state number;
 * a change between requests from one caller means the client rebooted.
 */
public record LockArgs(String cookieHex, boolean block, boolean exclusive, NlmLock lock, boolean reclaim, int state)
        implements NlmArgs {

    static LockArgs read(PartialReader r, boolean nlm4) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        boolean block = r.bool("block");
        boolean exclusive = r.bool("exclusive");
        NlmLock lock = NlmLock.read(r, nlm4);
        boolean reclaim = r.bool("reclaim");
        int state = r.u32("state");
        return new LockArgs(cookie, block, exclusive, lock, reclaim, state);
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        out.field("block", block);
        out.field("exclusive", exclusive);
        out.field("reclaim", reclaim);
        out.field("state", state);
        lock.describe(out);
    }
}
