package org.nfslockscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many processors other processes keep busy right now, for the choice of a second thread.
 * The load average was the first measure, but it is a minute's average that counts this tool's
 * own previous run: one analysis after another on a two-processor machine found a load above 1
 * and stayed on one thread although both processors were idle. So the system's busy time and this
 * process's own are sampled over a short interval, from Linux's /proc, and subtracted.
 */
final class ProcessorUse {
    /** Long enough for the tick-based counters to move by a few ticks, short beside a 256 MiB pass. */
    static final long SAMPLE_MILLIS = 60;

    private ProcessorUse() {
    }

    /**
     * Processors' worth of time used by other processes over the last {@link #SAMPLE_MILLIS}, or
     * -1 when the system does not tell (no /proc).
     */
    static double others(int processors) {
        long[] before = sample();
        if (before == null) {
            return -1;
        }
        try {
            Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        long[] after = sample();
        if (after == null) {
            return -1;
        }
        return others(before, after, processors);
    }

    /**
     * From two samples of (all processors' ticks, their idle ticks, this process's ticks): the busy
     * ticks not this process's, as processors.
     */
    static double others(long[] before, long[] after, int processors) {
        long total = after[0] - before[0];
        if (total <= 0) {
            return -1;
        }
        long busy = total - (after[1] - before[1]);
        long own = after[2] - before[2];
        return Math.max(0, (double) (busy - own) / total * processors);
    }

    /** (total ticks, idle ticks, this process's ticks), or null when /proc cannot be read. */
    private static long[] sample() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String self = Files.readString(Path.of("/proc/self/stat"));
            return parse(cpu, self);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The first line of /proc/stat ("cpu  user nice system idle iowait irq softirq steal ...") and
     * /proc/self/stat (whose utime and stime are the 14th and 15th fields; the command name, the
     * 2nd, is in parentheses and may hold spaces).
     */
    static long[] parse(String cpuLine, String selfStat) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 6) {
            throw new IllegalArgumentException("not the cpu line: " + cpuLine);
        }
        long total = 0;
        // user .. steal; guest time is already counted in user
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        String[] s = selfStat.substring(selfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after the name: state is field 3, so utime (14) and stime (15) are at 11 and 12
        long own = Long.parseLong(s[11]) + Long.parseLong(s[12]);
        return new long[] {total, idle, own};
    }
}
