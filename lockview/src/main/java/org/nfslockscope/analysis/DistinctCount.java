package org.nfslockscope.analysis;

import java.util.HashSet;
import java.util.Set;

/**
 * How many different strings were added: exact up to {@link #EXACT_LIMIT} of them, then estimated
 * in a fixed bitmap (linear counting), so that a capture with millions of short-lived clients does
 * not keep every identity for one number in the summary. The estimate is within about 1 % up to
 * a few million.
 */
final class DistinctCount {
    static final int EXACT_LIMIT = 1 << 16;
    private static final int BITS = 1 << 23; // 1 MiB

    private final int exactLimit;
    private Set<String> exact = new HashSet<>();
    private long[] bitmap;

    DistinctCount() {
        this(EXACT_LIMIT);
    }

    DistinctCount(int exactLimit) {
        this.exactLimit = exactLimit;
    }

    void add(String s) {
        if (bitmap == null) {
            if (exact.add(s) && exact.size() > exactLimit) {
                bitmap = new long[BITS / 64];
                exact.forEach(this::mark);
                exact = null;
            }
        } else {
            mark(s);
        }
    }

    private void mark(String s) {
        int bit = (int) (hash(s) >>> 41); // the top 23 bits
        bitmap[bit >>> 6] |= 1L << (bit & 63);
    }

    /** A 64-bit hash: FNV-1a over the characters, then a finaliser that spreads every bit. */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    int count() {
        if (bitmap == null) {
            return exact.size();
        }
        long set = 0;
        for (long word : bitmap) {
            set += Long.bitCount(word);
        }
        long zero = Math.max(1, BITS - set);
        return (int) Math.round(-BITS * Math.log((double) zero / BITS));
    }

    /** Strings kept one by one (0 once counting went to the bitmap), for {@link LockView#liveState()}. */
    int kept() {
        return exact == null ? 0 : exact.size();
    }
}
