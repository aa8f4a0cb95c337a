package org.nfslockscope.lockview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ContentionProfileTest {

    @Test
    void emptyHistogramReportsZeros() {
        DurationHistogram h = new DurationHistogram();
        assertEquals(0, h.count());
        assertEquals(0, h.min());
        assertEquals(0, h.median());
        assertEquals(0, h.p99());
        assertEquals(0, h.max());
    }

    @Test
    void smallValuesAreExactAndOneValueIsExact() {
        DurationHistogram h = new DurationHistogram();
        for (long v = 1; v <= 9; v++) {
            h.record(v);
        }
        assertEquals(5, h.median());
        assertEquals(9, h.p99());
        DurationHistogram one = new DurationHistogram();
        one.record(1_234_567_891L);
        assertEquals(1_234_567_891L, one.median(), "clamped to min = max");
        assertEquals(1_234_567_891L, one.p99());
    }

    @Test
    void quantilesAreWithinOneThirtySecondOfTheTruth() {
        DurationHistogram h = new DurationHistogram();
        Random random = new Random(42);
        long[] values = new long[100_000];
        for (int i = 0; i < values.length; i++) {
            // log-uniform between 1 microsecond and 100 seconds, like real waits
            values[i] = (long) Math.pow(10, 3 + random.nextDouble() * 8);
            h.record(values[i]);
        }
        java.util.Arrays.sort(values);
        long trueMedian = values[values.length / 2 - 1];
        long trueP99 = values[(int) Math.ceil(0.99 * values.length) - 1];
        assertEquals(trueMedian, h.median(), trueMedian / 32.0);
        assertEquals(trueP99, h.p99(), trueP99 / 32.0);
        assertEquals(values[0], h.min());
        assertEquals(values[values.length - 1], h.max());
        assertTrue(h.bucketsUsed() < 500, "memory stays bounded: " + h.bucketsUsed());
    }

    @Test
    void bucketMidpointsStayInsideTheirBucket() {
        for (long v : new long[] {0, 15, 16, 17, 31, 32, 1000, 1L << 40, Long.MAX_VALUE}) {
            long mid = DurationHistogram.midpoint(DurationHistogram.bucketOf(v));
            assertEquals(DurationHistogram.bucketOf(v), DurationHistogram.bucketOf(mid), "value " + v);
            assertTrue(Math.abs(mid - v) <= Math.max(0, v / 32), "value " + v + " mid " + mid);
        }
        assertEquals(959, DurationHistogram.bucketOf(Long.MAX_VALUE));
    }

    @Test
    void negativeDurationsCountAsZero() {
        DurationHistogram h = new DurationHistogram();
        h.record(-5);
        assertEquals(1, h.count());
        assertEquals(0, h.max());
        assertThrows(IllegalArgumentException.class, () -> h.quantile(1.5));
    }

    @Test
    void countsPerFile() {
        ContentionProfile p = new ContentionProfile();
        p.recordRequest("f");
        p.recordDenial("f");
        p.recordPoll("f");
        p.recordPoll("f");
        p.recordGrant("f", 3_000_000_000L);
        p.recordRelease("f", 10_000_000_000L);
        ContentionProfile.FileStats f = p.file("f");
        assertEquals(1, f.requests());
        assertEquals(1, f.denials());
        assertEquals(2, f.polls());
        assertEquals(1, f.grants());
        assertEquals(3, f.contention());
        assertEquals(3_000_000_000L, f.waits().max());
        assertEquals(10_000_000_000L, f.holds().median());
        assertNull(p.file("other"));
    }

    @Test
    void topContendedFilesRankByDenialsAndPollsThenWorstWait() {
        ContentionProfile p = new ContentionProfile();
        p.recordDenial("busy");
        p.recordDenial("busy");
        p.recordPoll("busy");
        p.recordDenial("slow");
        p.recordGrant("slow", 9_000);
        p.recordDenial("quick");
        p.recordGrant("quick", 10);
        p.recordRequest("calm");
        p.recordGrant("calm", 0);
        assertEquals(List.of("busy", "slow", "quick"),
                p.topContended(10).stream().map(ContentionProfile.FileStats::file).toList());
        assertEquals(List.of("busy"), p.topContended(1).stream().map(ContentionProfile.FileStats::file).toList());
        assertEquals(4, p.files().size());
    }

    @Test
    void manyFilesFoldTheUncontendedOnesAndKeepTheContendedExact() {
        ContentionProfile p = new ContentionProfile(64);
        for (int i = 0; i < 10; i++) {
            p.recordRequest("hot-" + i);
            for (int d = 0; d <= i; d++) {
                p.recordDenial("hot-" + i);
            }
        }
        for (int i = 0; i < 5000; i++) {
            p.recordRequest("cold-" + i);
            p.recordGrant("cold-" + i, 0);
            p.recordRelease("cold-" + i, 1_000);
        }
        assertTrue(p.files().size() <= 64, String.valueOf(p.files().size()));
        List<ContentionProfile.FileStats> top = p.topContended(10);
        assertEquals(10, top.size());
        assertEquals("hot-9", top.get(0).file());
        assertEquals(10, top.get(0).denials());
        assertEquals(1, top.get(0).requests());
        long keptCold = p.files().stream().filter(f -> f.file().startsWith("cold-")).count();
        ContentionProfile.Others others = p.others();
        assertEquals(5000 - keptCold, others.files());
        assertEquals(5000 - keptCold, others.requests());
        assertEquals(5000 - keptCold, others.grants());
        assertEquals(0, others.denials());
    }

    @Test
    void aTableThatFitsFoldsNothing() {
        ContentionProfile p = new ContentionProfile(64);
        for (int i = 0; i < 64; i++) {
            p.recordRequest("f" + i);
            p.recordDenial("f" + i);
        }
        assertEquals(64, p.files().size());
        assertEquals(0, p.others().files());
        assertEquals(10, p.topContended(10).size());
    }

    @Test
    void whenEveryFileIsContendedTheLeastContendedFold() {
        ContentionProfile p = new ContentionProfile(16);
        p.recordDenial("busiest");
        p.recordDenial("busiest");
        p.recordDenial("busiest");
        for (int i = 0; i < 100; i++) {
            p.recordDenial("once-" + i);
        }
        assertEquals("busiest", p.topContended(1).get(0).file());
        assertEquals(3, p.topContended(1).get(0).denials());
        assertTrue(p.files().size() <= 16);
        assertEquals(101 - p.files().size(), p.others().files());
        assertEquals(101 - p.files().size(), p.others().denials());
    }
}
