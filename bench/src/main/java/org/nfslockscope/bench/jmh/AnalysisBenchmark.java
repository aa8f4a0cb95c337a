package org.nfslockscope.bench.jmh;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nfslockscope.analysis.LockView;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.bench.gen.CaptureKind;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.findings.FindingSink;
import org.nfslockscope.pipeline.RpcPipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The stages above the RPC level, each measured as the whole pass up to it over one capture in
 * the page cache: {@code rpc} (reader, net, record framing, call/reply pairing), {@code decode}
 * (the same plus NFSv4/NLM/NSM body decoding) and {@code lockView} (the same plus the lock view
 * and its rules, what {@code analyze} runs). The difference between neighbours is the cost of a
 * stage. With {@code -prof gc}, gc.alloc.rate.norm is the allocation per pass, which the load
 * of other jobs on the machine does not disturb.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBenchmark {
    @Param({"lock41", "lock40", "nlm-udp"})
    public String kind;

    private Path file;

    @Setup(Level.Trial)
    public void write() {
        file = BenchCaptures.write(CaptureKind.byLabel(kind), 10_000_000L);
    }

    @Benchmark
    public Object rpc(Blackhole bh) throws Exception {
        return RpcPipeline.run(file, bh::consume, bh::consume);
    }

    @Benchmark
    public Object decode(Blackhole bh) throws Exception {
        Decoders decoders = Decoders.standard();
        return RpcPipeline.run(file, e -> bh.consume(decoders.decode(e)), bh::consume);
    }

    @Benchmark
    public Object lockView(Blackhole bh) throws Exception {
        LockView view = new LockView(Decoders.standard(), Settings.defaults(), FindingSink.discarding());
        RpcPipeline.run(file, view, bh::consume);
        view.finish();
        return view.findings();
    }
}
