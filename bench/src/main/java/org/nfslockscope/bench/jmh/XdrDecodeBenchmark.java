package org.nfslockscope.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.dcache.oncrpc4j.xdr.BadXdrOncRpcException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.nfslockscope.xdr.XdrReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The XDR question of design.md: oncrpc4j's {@code Xdr} or our own cursor for decoding every
 * message of a capture. Both read the same fields of the same SEQUENCE + PUTFH + LOCK call
 * (the lock-heavy workload's typical COMPOUND) and fold them into a checksum, so neither can
 * skip work. oncrpc4j decodes from a byte array it owns and allocates every opaque; our cursor
 * reads in place from the buffer the capture stage hands on. The copy into the byte array is
 * counted, because the pipeline would have to make it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class XdrDecodeBenchmark {
    private ByteBuffer body;

    @Setup
    public void setup() {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putInt(0).putInt(1).putInt(3); // tag "", minorversion 1, three ops
        b.putInt(53);
        b.put(new byte[16]).putInt(7).putInt(3).putInt(15).putInt(0); // SEQUENCE
        b.putInt(22).putInt(32).put(new byte[32]); // PUTFH
        b.putInt(12).putInt(2).putInt(0).putLong(4096).putLong(100).putInt(1) // LOCK, new lock-owner
                .putInt(3).putInt(1).put(new byte[12]).putInt(0).putLong(0x1234L).putInt(8).put(new byte[8]);
        b.flip();
        body = b;
    }

    @Benchmark
    public long ownCursor() {
        XdrReader x = new XdrReader(body.duplicate());
        long sum = x.skipOpaque(1024);
        sum += x.u32();
        int ops = x.count(1 << 20, 4, "ops");
        for (int i = 0; i < ops; i++) {
            int op = x.u32();
            sum += op;
            if (op == 53) {
                sum += x.opaqueFixed(16).get(0);
                sum += x.u32() + x.u32() + x.u32() + (x.bool() ? 1 : 0);
            } else if (op == 22) {
                sum += x.opaque(128).remaining();
            } else {
                sum += x.u32() + (x.bool() ? 1 : 0) + x.u64() + x.u64();
                if (x.bool()) {
                    sum += x.u32();
                    sum += x.u32() + x.opaqueFixed(12).get(0);
                    sum += x.u32() + x.u64() + x.opaque(1024).remaining();
                }
            }
        }
        return sum;
    }

    @Benchmark
    public long oncrpc4j() throws BadXdrOncRpcException {
        byte[] copy = new byte[body.remaining()];
        body.duplicate().get(copy);
        Xdr x = new Xdr(copy);
        x.beginDecoding();
        long sum = x.xdrDecodeDynamicOpaque().length;
        sum += x.xdrDecodeInt();
        int ops = x.xdrDecodeInt();
        for (int i = 0; i < ops; i++) {
            int op = x.xdrDecodeInt();
            sum += op;
            if (op == 53) {
                sum += x.xdrDecodeOpaque(16)[0];
                sum += x.xdrDecodeInt() + x.xdrDecodeInt() + x.xdrDecodeInt() + (x.xdrDecodeBoolean() ? 1 : 0);
            } else if (op == 22) {
                sum += x.xdrDecodeDynamicOpaque().length;
            } else {
                sum += x.xdrDecodeInt() + (x.xdrDecodeBoolean() ? 1 : 0) + x.xdrDecodeLong() + x.xdrDecodeLong();
                if (x.xdrDecodeBoolean()) {
                    sum += x.xdrDecodeInt();
                    sum += x.xdrDecodeInt() + x.xdrDecodeOpaque(12)[0];
                    sum += x.xdrDecodeInt() + x.xdrDecodeLong() + x.xdrDecodeDynamicOpaque().length;
                }
            }
        }
        return sum;
    }
}
