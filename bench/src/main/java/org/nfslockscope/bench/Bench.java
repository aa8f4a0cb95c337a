package org.nfslockscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.nfslockscope.bench.gen.CaptureKind;
import org.nfslockscope.bench.gen.CaptureKind.GeneratedCapture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark runner: writes the synthetic captures, then runs nfslockscope and (when it is
 * installed) tshark on each file in turn and prints one table, so that the figures compared
 * come from the same files on the same machine at the same time.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Generates captures and measures nfslockscope (and tshark) on them.")
public final class Bench implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "/tmp/nfslockscope-bench", description = "directory for the captures")
    Path out;

    @Option(names = "--size", defaultValue = "200MB", description = "size of each capture (200MB, 1GB, ...)")
    String size;

    @Option(names = "--packets", defaultValue = "0", description = "packets per capture instead of --size")
    long packets;

    @Option(names = "--kinds", split = ",", description = "capture kinds (default all): lock41, lock40, nlm-udp, write, short-conn")
    List<String> kinds;

    @Option(names = "--seed", defaultValue = "7", description = "generator seed")
    long seed;

    @Option(names = "--repeat", defaultValue = "3", description = "runs of nfslockscope per file; the best is shown")
    int repeat;

    @Option(names = "--jar", defaultValue = "analyzer-cli/target/nfslockscope.jar", description = "nfslockscope jar")
    Path jar;

    @Option(names = "--java-opts", defaultValue = "-XX:+UseParallelGC -XX:+UseCompressedOops -Xss4m -Xms96m -Xmx256m -Xmn32m",
            description = "JVM options for nfslockscope (the launcher's defaults)")
    String javaOpts;

    @Option(names = "--threads", paramLabel = "N",
            description = "passed to analyze as --threads N (1 or 2); default: analyze decides per capture")
    Integer threads;

    @Option(names = "--tshark", defaultValue = "auto", description = "auto (when on PATH) or never")
    String tshark;

    @Option(names = "--generate-only", description = "write the captures and stop")
    boolean generateOnly;

    @Option(names = "--reuse", description = "keep a capture already in --out instead of writing it again")
    boolean reuse;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        List<CaptureKind> selected = new ArrayList<>();
        if (kinds == null || kinds.isEmpty()) {
            selected.addAll(Arrays.asList(CaptureKind.values()));
        } else {
            kinds.forEach(k -> selected.add(CaptureKind.byLabel(k)));
        }
        long bytes = Sizes.parse(size);
        List<GeneratedCapture> captures = new ArrayList<>();
        for (CaptureKind k : selected) {
            captures.add(capture(k, bytes));
        }
        if (generateOnly) {
            return 0;
        }
        String tsharkPath = "never".equals(tshark) ? null : Tools.onPath("tshark");
        ResultTable table = new ResultTable();
        for (GeneratedCapture c : captures) {
            table.add(Measurements.measure(c, this, tsharkPath));
        }
        System.out.println();
        System.out.print(table.render());
        System.out.printf("nfslockscope: best of %d runs of analyze --format json%s (wall time including JVM start); "
                + "JVM options: %s%n", repeat, threads == null ? "" : " --threads " + threads, javaOpts);
        if (tsharkPath != null) {
            System.out.println("tshark: one run of tshark -r F -Y nfs -T fields -e frame.number -e nfs.opcode; "
                    + "ratio = tshark wall / our wall");
        }
        return 0;
    }

    private GeneratedCapture capture(CaptureKind k, long bytes) throws Exception {
        Path file = out.resolve(k.label() + "-" + (packets > 0 ? packets + "p" : size) + ".pcap");
        if (reuse && Files.exists(file)) {
            RecordWalk.Result w = RecordWalk.walk(file);
            System.err.printf("reusing %s (%d packets)%n", file, w.packets());
            return new GeneratedCapture(k, file, Files.size(file), w.packets());
        }
        long start = System.nanoTime();
        GeneratedCapture c = k.write(file, bytes, packets, seed);
        System.err.printf("wrote %s: %d bytes, %d packets in %.1f s (%s)%n", file, c.bytes(), c.packets(),
                (System.nanoTime() - start) / 1e9, k.description());
        return c;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
