package org.nfslockscope.bench.jmh;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nfslockscope.bench.gen.CaptureKind;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.net.NetDecoder;
import org.nfslockscope.net.StreamHandler;
import org.nfslockscope.net.TcpConnection;
import org.nfslockscope.net.UdpDatagram;
import org.nfslockscope.rpc.RecordFramer;
import org.nfslockscope.rpc.RpcHeaders;
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
 * Record framing alone: the client-to-server byte stream of one connection of a generated
 * capture, in the chunks TCP delivered it, split into RPC records by a {@link RecordFramer}.
 * Lock-heavy streams have one record per chunk (the no-copy path); WRITE streams assemble each
 * record from many chunks (the copying path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordFramingBenchmark {
    @Param({"lock41", "write"})
    public String kind;

    private final List<ByteBuffer> chunks = new ArrayList<>();

    @Setup(Level.Trial)
    public void load() {
        List<Frame> frames = BenchCaptures.frames(BenchCaptures.write(CaptureKind.byLabel(kind), 20_000_000L));
        NetDecoder net = new NetDecoder(new FirstStream(chunks), d -> { });
        frames.forEach(net::frame);
        net.finish();
    }

    @Benchmark
    public void frame(Blackhole bh) {
        RecordFramer framer = new RecordFramer(new RecordFramer.Listener() {
            @Override
            public void onRecord(ByteBuffer record, boolean complete, long frame, long timeNanos) {
                bh.consume(record.remaining());
            }

            @Override
            public void onFramingProblem(String message, long frame) {
                bh.consume(message);
            }

            @Override
            public boolean plausibleStart(ByteBuffer b, int at, int avail) {
                return RpcHeaders.plausibleCall(b, at, avail);
            }
        }, true);
        for (ByteBuffer c : chunks) {
            framer.feed(c.duplicate(), 0, 0);
        }
    }

    /** Keeps copies of the chunks of direction 0 of the first connection. */
    private record FirstStream(List<ByteBuffer> chunks) implements StreamHandler {
        @Override
        public void onData(TcpConnection connection, int direction, ByteBuffer data, long frame, long timeNanos) {
            if (connection.id() == 0 && direction == 0) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data.duplicate()).flip();
                chunks.add(copy);
            }
        }

        @Override
        public void onGap(TcpConnection connection, int direction, long missing, long frame) {
        }

        @Override
        public void onClose(TcpConnection connection, long frame) {
        }

        @Override
        public void onDatagram(UdpDatagram datagram) {
        }
    }
}
