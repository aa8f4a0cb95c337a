package org.nfslockscope.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a test by itself: the child JVM of {@link MemoryBoundTest}. Runs {@code nfslockscope
 * analyze --format json} on every capture named in the file given as argument, one after the
 * other in this JVM (started with a small heap cap), and prints one line per capture: its
 * exit code and the heap's peak use so far. Exits 2 at the first run that fails the
 * invariants (exit 0 or 1, no stack trace, no internal error), or that runs out of memory.
 */
public final class BoundedHeapRuns {
    private BoundedHeapRuns() {
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    public static void main(String[] args) throws Exception {
        List<String> captures = Files.readAllLines(Path.of(args[0]));
        for (String capture : captures) {
            CliRun run;
            try {
                run = CliRun.of("analyze", "--format", "json", capture);
            } catch (Throwable t) {
                System.out.println("FAILED " + capture + ": " + t);
                System.exit(2);
                return;
            }
            boolean ok = (run.exit() == 0 || run.exit() == 1) && !run.err().contains("\tat ")
                    && !run.out().contains("\tat ") && !run.err().contains("internal error")
                    && !run.err().contains("OutOfMemoryError");
            System.out.println((ok ? "ok " : "FAILED ") + capture + " exit " + run.exit() + " peak heap "
                    + peakHeap() / 1024 + " KiB" + (ok ? "" : "\n" + run.err()));
            if (!ok) {
                System.exit(2);
            }
        }
        System.out.println("done " + captures.size());
    }
}
