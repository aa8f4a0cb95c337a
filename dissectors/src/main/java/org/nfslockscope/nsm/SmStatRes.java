package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.nlm.PartialReader;

/** {@code sm_stat_res}: the result of SM_STAT and SM_MON; {@code state} is set even on failure. */
public record SmStatRes(int resStat, int state) implements NsmBody {
    public static final int STAT_SUCC = 0;
    public static final int STAT_FAIL = 1;

    static SmStatRes read(PartialReader r) {
        int resStat = r.u32("res_stat");
        return new SmStatRes(resStat, r.u32("state"));
    }

    public String resStatName() {
        return switch (resStat) {
            case STAT_SUCC -> "STAT_SUCC";
            case STAT_FAIL -> "STAT_FAIL";
            default -> String.valueOf(resStat & 0xffffffffL);
        };
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("state", state);
        out.field("resStat", resStatName());
    }
}
