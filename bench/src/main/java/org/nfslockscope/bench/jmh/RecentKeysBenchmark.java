package org.nfslockscope.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nfslockscope.rpc.RecentKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compact request table in the steady state of a long capture: every table full, each
 * message looks its key up (nearly always a new one), files it as the newest entry and evicts the
 * oldest, as the lock view's RPC rules (one table of 65,536) and the RPC stage's connections
 * (64 tables of 8192, visited in turn) do. What costs is cache misses, so the tables are the
 * real sizes; the figure is the time per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecentKeysBenchmark {
    private static final int BATCH = 1 << 16;

    /** tables x entries per table */
    @Param({"1x65536", "64x8192"})
    public String shape;

    private RecentKeys[] tables;
    private int limit;
    private long[] xids;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        String[] p = shape.split("x");
        tables = new RecentKeys[Integer.parseInt(p[0])];
        limit = Integer.parseInt(p[1]);
        SplittableRandom rnd = new SplittableRandom(7);
        xids = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            xids[i] = rnd.nextInt();
        }
        for (int t = 0; t < tables.length; t++) {
            tables[t] = new RecentKeys(false);
            for (int i = 0; i < limit; i++) {
                tables[t].add(t, rnd.nextInt());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int lookUpFileEvict() {
        int found = 0;
        long salt = next++;
        for (int i = 0; i < BATCH; i++) {
            RecentKeys t = tables[i % tables.length];
            long xid = xids[i] ^ salt << 20;
            int e = t.find(i, xid);
            if (e != RecentKeys.NONE) {
                found++;
                t.remove(e);
            }
            t.add(i, xid);
            t.trim(limit);
        }
        return found;
    }
}
