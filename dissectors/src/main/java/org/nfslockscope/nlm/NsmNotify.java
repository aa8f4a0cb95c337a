package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/**
 * Linux lockd's private procedure 16 (NLMPROC_NSM_NOTIFY): the local statd tells lockd that host
 * {@code monName} restarted with NSM state {@code state}. {@code priv} is the 16 bytes lockd gave
 * statd in SM_MON, echoed back so lockd can find its host entry.
 */
public record NsmNotify(String monName, int state, String privHex) implements NlmArgs {
    static final int PRIV_SIZE = 16;

    static NsmNotify read(PartialReader r) {
        String monName = r.string(NlmLock.MAX_NAME, "mon_name");
        int state = r.u32("state");
        return new NsmNotify(monName, state, r.hexFixed(PRIV_SIZE, "priv"));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "monName", monName);
        out.field("state", state);
        NlmFields.optional(out, "priv", privHex);
    }
}
