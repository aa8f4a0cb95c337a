package org.nfslockscope.bench.jmh;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nfslockscope.bench.gen.CaptureKind;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.net.NetDecoder;
import org.nfslockscope.net.StreamHandler;
import org.nfslockscope.net.TcpConnection;
import org.nfslockscope.net.UdpDatagram;
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
 * The net stage: link, IP and TCP reassembly through {@link NetDecoder}, over frames held in
 * memory, into a handler that only consumes the bytes. One operation is the whole capture.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpReassemblyBenchmark {
    @Param({"lock41", "write", "short-conn"})
    public String kind;

    private List<Frame> frames;

    @Setup(Level.Trial)
    public void load() {
        frames = BenchCaptures.frames(BenchCaptures.write(CaptureKind.byLabel(kind), 20_000_000L));
    }

    @Benchmark
    public void reassemble(Blackhole bh) {
        NetDecoder net = new NetDecoder(new Consumer(bh), d -> bh.consume(d));
        for (Frame f : frames) {
            f.data().rewind();
            net.frame(f);
        }
        net.finish();
    }

    private record Consumer(Blackhole bh) implements StreamHandler {
        @Override
        public void onData(TcpConnection connection, int direction, ByteBuffer data, long frame, long timeNanos) {
            bh.consume(data.remaining());
        }

        @Override
        public void onGap(TcpConnection connection, int direction, long missing, long frame) {
            bh.consume(missing);
        }

        @Override
        public void onClose(TcpConnection connection, long frame) {
            bh.consume(connection);
        }

        @Override
        public void onDatagram(UdpDatagram datagram) {
            bh.consume(datagram);
        }
    }
}
