package org.nfslockscope.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command to completion with its output discarded and reports its wall time, CPU time
 * and peak resident set. CPU time (user + system) matters on a shared machine, where wall time
 * also counts the time others' jobs held the cores. Both come from GNU time (%U %S %M) when
 * /usr/bin/time exists; otherwise the peak comes from polling VmHWM in /proc, which can miss a
 * final spike, and CPU time is not known (-1).
 */
record ChildRun(double wallSeconds, double cpuSeconds, long peakRssKb, int exitCode) {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    static ChildRun run(List<String> command) throws IOException, InterruptedException {
        boolean timed = Files.isExecutable(GNU_TIME);
        Path rssFile = Files.createTempFile("bench-rss", ".txt");
        try {
            List<String> cmd = new ArrayList<>();
            if (timed) {
                cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", rssFile.toString()));
            }
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(new File("/dev/null"));
            long start = System.nanoTime();
            Process p = pb.start();
            long polled = timed ? 0 : pollPeak(p);
            int rc = p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            if (!timed) {
                return new ChildRun(wall, -1, polled, rc);
            }
            String[] f = lastLine(Files.readString(rssFile)).split("\\s+");
            return new ChildRun(wall, Double.parseDouble(f[1]) + Double.parseDouble(f[2]), Long.parseLong(f[0]), rc);
        } finally {
            Files.deleteIfExists(rssFile);
        }
    }

    private static String lastLine(String timeOutput) {
        String[] lines = timeOutput.strip().split("\n");
        // GNU time puts "Command exited with non-zero status" before the figures when the child fails.
        return lines[lines.length - 1].strip();
    }

    private static long pollPeak(Process p) throws InterruptedException {
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process ended between isAlive and the read
            }
            Thread.sleep(10);
        }
        return peak;
    }
}
