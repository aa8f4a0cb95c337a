package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/**
 * {@code nlm_testres}: the result of TEST and the arguments of TEST_RES. {@code holder} is present
 * only when {@code stat} is DENIED (the {@code testrply} union's one non-void arm).
 */
public record TestRes(String cookieHex, int stat, Holder holder) implements NlmArgs, NlmResult {

    static TestRes read(PartialReader r, boolean nlm4) {
        String cookie = r.hexOpaque(NlmLock.MAX_NETOBJ, "cookie");
        int stat = r.u32("test_stat");
        Holder holder = stat == NlmStat.DENIED && !r.damaged() ? Holder.read(r, nlm4) : null;
        return new TestRes(cookie, stat, holder);
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "cookie", cookieHex);
        NlmFields.stat(out, version, stat);
        if (holder != null) {
            holder.describe(out);
        }
    }
}
