package org.nfslockscope.lockview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The histogram against a sorted list of the same values: the nearest rank's bucket midpoint, kept within [min, max]. */
class DurationHistogramTest {
    private static long expected(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * sorted.size()));
        long v = sorted.get((int) rank - 1);
        long mid = DurationHistogram.midpoint(DurationHistogram.bucketOf(v));
        return Math.min(sorted.get(sorted.size() - 1), Math.max(sorted.get(0), mid));
    }

    private static void check(DurationHistogram h, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        assertEquals(values.size(), h.count());
        assertEquals(sorted.isEmpty() ? 0 : sorted.get(0), h.min());
        assertEquals(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), h.max());
        for (double q : new double[] {0, 0.01, 0.25, 0.5, 0.75, 0.99, 1}) {
            assertEquals(expected(sorted, q), h.quantile(q), "q=" + q + " of " + sorted);
        }
        assertEquals(sorted.stream().map(DurationHistogram::bucketOf).distinct().count(), h.bucketsUsed());
    }

    @Test
    void oneBucketThenMore() {
        DurationHistogram h = new DurationHistogram();
        List<Long> values = new ArrayList<>();
        check(h, values);
        for (long v : new long[] {1_000_000, 1_000_100, 1_010_000, 5, 1_000_000, 3_000_000_000L, 5}) {
            h.record(v);
            values.add(v);
            check(h, values);
        }
    }

    @Test
    void negativeDurationsCountAsZero() {
        DurationHistogram h = new DurationHistogram();
        h.record(-7);
        h.record(-3);
        check(h, List.of(0L, 0L));
    }

    @Test
    void randomValuesMatchTheSortedList() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            DurationHistogram h = new DurationHistogram();
            List<Long> values = new ArrayList<>();
            int n = 1 + random.nextInt(60);
            // Few distinct magnitudes, so that values often share a bucket.
            int spread = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                long v = (1L << random.nextInt(spread)) + random.nextInt(3);
                h.record(v);
                values.add(v);
            }
            check(h, values);
        }
    }
}
