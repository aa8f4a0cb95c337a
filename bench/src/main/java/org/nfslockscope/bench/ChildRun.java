package org.nfslockscope.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command to completion with its output discarded and reports its wall time and peak
 * resident set. The peak comes from GNU time's %M when /usr/bin/time exists (exact: the kernel's
 * high-water mark at exit); otherwise from polling VmHWM in /proc, which can miss a final spike.
 */
record ChildRun(double wallSeconds, long peakRssKb, int exitCode) {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    static ChildRun run(List<String> command) throws IOException, InterruptedException {
        boolean timed = Files.isExecutable(GNU_TIME);
        Path rssFile = Files.createTempFile("bench-rss", ".txt");
        try {
            List<String> cmd = new ArrayList<>();
            if (timed) {
                cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rssFile.toString()));
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
            long peak = timed ? parseKb(Files.readString(rssFile)) : polled;
            return new ChildRun(wall, peak, rc);
        } finally {
            Files.deleteIfExists(rssFile);
        }
    }

    private static long parseKb(String timeOutput) {
        String[] lines = timeOutput.strip().split("\n");
        // GNU time puts "Command exited with non-zero status" before the figure when the child fails.
        return Long.parseLong(lines[lines.length - 1].strip());
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
