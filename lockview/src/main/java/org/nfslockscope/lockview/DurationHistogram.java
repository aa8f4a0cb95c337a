package org.nfslockscope.lockview;

import java.util.Arrays;

/**
 * Durations in nanoseconds, summarised as min / median / p99 / max in bounded memory.
 *
 * <p>Why a log-linear histogram and not a reservoir: a reservoir of a few hundred samples
 * estimates the median well but gets p99 (the one in a hundred slow grant that people
 * complain about) from two or three samples; a histogram counts every value and bounds the
 * relative error instead. Each power of two is split into 16 buckets, so a quantile is off by
 * at most 1/32 of its value (we report the bucket midpoint); min and max are exact. Values
 * below 16 ns are counted exactly.
 *
 * <p>Memory: only buckets that received a value are stored, as two parallel sorted arrays
 * (12 bytes per bucket). Durations of one file usually span a few decades, i.e. a few
 * dozen buckets; the worst case is 960 buckets (about 11 KB), whatever the capture size.
 */
public final class DurationHistogram {

    private static final int SUB_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;

    private int[] buckets = new int[4];
    private long[] counts = new long[4];
    private int used;
    private long total;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /**
     * Counts one duration. Negative durations (the capture clock stepped backwards) are
     * counted as 0: dropping them would hide that the event happened.
     */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        min = Math.min(min, value);
        max = Math.max(max, value);
        total++;
        int bucket = bucketOf(value);
        int at = Arrays.binarySearch(buckets, 0, used, bucket);
        if (at >= 0) {
            counts[at]++;
            return;
        }
        int insert = -at - 1;
        if (used == buckets.length) {
            buckets = Arrays.copyOf(buckets, used * 2);
            counts = Arrays.copyOf(counts, used * 2);
        }
        System.arraycopy(buckets, insert, buckets, insert + 1, used - insert);
        System.arraycopy(counts, insert, counts, insert + 1, used - insert);
        buckets[insert] = bucket;
        counts[insert] = 1;
        used++;
    }

    public long count() {
        return total;
    }

    /** The smallest value, exact; 0 when empty. */
    public long min() {
        return total == 0 ? 0 : min;
    }

    /** The largest value, exact; 0 when empty. */
    public long max() {
        return total == 0 ? 0 : max;
    }

    public long median() {
        return quantile(0.5);
    }

    public long p99() {
        return quantile(0.99);
    }

    /**
     * The nearest-rank quantile {@code q} in [0, 1], within 1/32 of the true value and never
     * outside [min, max]; 0 when empty.
     */
    public long quantile(double q) {
        if (q < 0 || q > 1 || Double.isNaN(q)) {
            throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < used; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, midpoint(buckets[i])));
            }
        }
        return max;
    }

    /** The number of distinct buckets stored (for tests of the memory bound). */
    int bucketsUsed() {
        return used;
    }

    static int bucketOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return SUB_BUCKETS + (exponent - SUB_BITS) * SUB_BUCKETS + sub;
    }

    static long midpoint(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = (bucket - SUB_BUCKETS) / SUB_BUCKETS + SUB_BITS;
        int sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BITS);
        long lower = (long) (SUB_BUCKETS | sub) << (exponent - SUB_BITS);
        return lower + width / 2;
    }
}
