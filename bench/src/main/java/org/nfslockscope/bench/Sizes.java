package org.nfslockscope.bench;

import java.util.Locale;

/** Byte counts as people type them: 200MB, 1GB, 10G, 512k, or a plain number. Powers of 1000. */
final class Sizes {
    private Sizes() {
    }

    static long parse(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT).replace("B", "");
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1_000L;
        } else if (t.endsWith("M")) {
            unit = 1_000_000L;
        } else if (t.endsWith("G")) {
            unit = 1_000_000_000L;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return (long) (Double.parseDouble(t) * unit);
    }
}
