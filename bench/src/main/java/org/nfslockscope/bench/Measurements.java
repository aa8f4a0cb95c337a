package org.nfslockscope.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nfslockscope.bench.gen.CaptureKind.GeneratedCapture;

/** Runs the measured commands on one capture. */
final class Measurements {
    private Measurements() {
    }

    /** What one capture measured; tshark fields are null when tshark was not run. */
    record Row(GeneratedCapture capture, double walkSeconds, ChildRun analyze, ChildRun dump, ChildRun tshark) {
    }

    static Row measure(GeneratedCapture c, Bench options, String tshark) throws Exception {
        String file = c.file().toString();
        RecordWalk.Result walk = RecordWalk.walk(c.file());
        ChildRun analyze = best(options, options.threads == null
                ? nfslockscope(options, "analyze", "--format", "json", file)
                : nfslockscope(options, "analyze", "--format", "json", "--threads", options.threads.toString(), file));
        ChildRun dump = best(options, nfslockscope(options, "dump", "--format", "jsonl", file));
        ChildRun ts = null;
        if (tshark != null) {
            System.err.printf("tshark on %s ...%n", file);
            ts = ChildRun.run(List.of(tshark, "-r", file, "-Y", "nfs", "-T", "fields",
                    "-e", "frame.number", "-e", "nfs.opcode"));
        }
        return new Row(c, walk.seconds(), analyze, dump, ts);
    }

    private static List<String> nfslockscope(Bench options, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("java");
        for (String o : options.javaOpts.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        // The launcher's class-data-sharing archive, when it was made for this jar: the runs then
        // start as ./nfslockscope starts them (docs/performance.md, start-up).
        java.io.File archive = new java.io.File(options.jar.toString().replaceFirst("\\.jar$", ".jsa"));
        if (archive.isFile() && archive.lastModified() >= options.jar.toFile().lastModified()) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
            cmd.add("-Xlog:cds=off");
            cmd.add("-Xlog:cds+dynamic=off");
        }
        cmd.add("-jar");
        cmd.add(options.jar.toString());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * The best wall and the best CPU time of the runs (each the least disturbed by other jobs),
     * with the largest peak RSS any run reached, so that memory is not understated.
     */
    private static ChildRun best(Bench options, List<String> cmd) throws Exception {
        ChildRun best = null;
        long peak = 0;
        double cpu = Double.MAX_VALUE;
        for (int i = 0; i < Math.max(1, options.repeat); i++) {
            ChildRun r = ChildRun.run(cmd);
            // analyze exits 1 when the capture has findings at or above --fail-on (design.md):
            // a result like any other. Only 2 (usage, unreadable input) or worse is a failure.
            if (r.exitCode() != 0 && r.exitCode() != 1) {
                throw new IllegalStateException("exit " + r.exitCode() + " from " + String.join(" ", cmd));
            }
            System.err.printf("  %s %s: %.2f s wall, %.2f s cpu, %d MB%n", cmd.get(cmd.indexOf("-jar") + 2),
                    cmd.get(cmd.size() - 1), r.wallSeconds(), r.cpuSeconds(), r.peakRssKb() / 1024);
            peak = Math.max(peak, r.peakRssKb());
            cpu = Math.min(cpu, r.cpuSeconds());
            if (best == null || r.wallSeconds() < best.wallSeconds()) {
                best = r;
            }
        }
        return new ChildRun(best.wallSeconds(), cpu, peak, 0);
    }
}
