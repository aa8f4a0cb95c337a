package org.nfslockscope.nlm;

/**
 * NLM status names. NLMv4 has its own {@code nlm4_stats} (0–9); NLMv1/v3 {@code nlm_stats} stops
 * at LCK_DENIED_GRACE_PERIOD (4), plus Sun's LCK_DEADLCK (5). Codes a version does not define keep
 * their number as the name, so an out-of-spec server is visible rather than hidden.
 */
public final class NlmStat {
    private static final String[] V4 = {"NLM4_GRANTED", "NLM4_DENIED", "NLM4_DENIED_NOLOCKS", "NLM4_BLOCKED",
        "NLM4_DENIED_GRACE_PERIOD", "NLM4_DEADLCK", "NLM4_ROFS", "NLM4_STALE_FH", "NLM4_FBIG", "NLM4_FAILED"};
    private static final String[] V1 = {"LCK_GRANTED", "LCK_DENIED", "LCK_DENIED_NOLOCKS", "LCK_BLOCKED",
        "LCK_DENIED_GRACE_PERIOD", "LCK_DEADLCK"};

    public static final int GRANTED = 0;
    public static final int DENIED = 1;
    public static final int BLOCKED = 3;
    public static final int DENIED_GRACE_PERIOD = 4;

    private NlmStat() {
    }

    public static String name(int version, int stat) {
        String[] table = version == 4 ? V4 : V1;
        return stat >= 0 && stat < table.length ? table[stat] : String.valueOf(stat & 0xffffffffL);
    }
}
