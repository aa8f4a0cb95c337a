package org.nfslockscope.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nfslockscope.bench.gen.CaptureKind;
import org.nfslockscope.capture.CaptureFiles;
import org.nfslockscope.capture.CaptureReader;
import org.nfslockscope.capture.Frame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The capture stage alone: one pass of the pcap reader over a 50 MB lock-heavy file in the page cache. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReaderBenchmark {
    private Path file;

    @Setup(Level.Trial)
    public void write() {
        file = BenchCaptures.write(CaptureKind.LOCK41, 50_000_000L);
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        Files.deleteIfExists(file);
    }

    /** Returns a sum over the frames so that the reads cannot be optimised away. */
    @Benchmark
    public long readAllFrames() throws Exception {
        long sum = 0;
        try (CaptureReader r = CaptureFiles.open(file, d -> { })) {
            for (Frame f = r.next(); f != null; f = r.next()) {
                sum += f.capturedLength();
            }
        }
        return sum;
    }
}
