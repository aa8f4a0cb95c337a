package org.nfslockscope.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

/**
 * Not a test: prints the pipeline's time on hostile input families at N, 4N and 16N, for the
 * table in docs/robustness.md. Times are wall-clock, best of three, on whatever machine runs it.
 * Run with the test classpath: {@code java -cp ... org.nfslockscope.pipeline.HostileBench [N]}.
 */
public final class HostileBench {
    private static final long SECOND = 1_000_000_000L;

    private HostileBench() {
    }

    /**
     * UDP calls whose (sender, receiver, xid) keys all had one hash code while endpoints hashed
     * to Arrays.hashCode(address) * 31 + port: port + 1, xid - 961.
     */
    static CaptureBuilder collidingUdpCalls(int n) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        Host c = b.host("10.0.0.2");
        Host s = b.host("10.0.0.1");
        for (int i = 0; i < n; i++) {
            UdpFlow u = b.udp(c, 1024 + i, s, 2049);
            u.send(Rpc.call(0x40000000 - 961 * i, Programs.NFS, 3, 0));
        }
        return b;
    }

    /**
     * TCP connections whose endpoint pairs all had one hash code under that old formula: client
     * addresses 10.b.c.d and ports chosen so that b * 31^3 + c * 31^2 + d * 31 + port is the
     * same for all.
     */
    static CaptureBuilder collidingConnections(int n) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        Host s = b.host("11.0.0.1");
        int made = 0;
        for (int b2 = 0; b2 < 3 && made < n; b2++) {
            // bytes below 128: Arrays.hashCode sees bytes as signed
            for (int c3 = 0; c3 < 128 && made < n; c3++) {
                for (int d = 1; d < 128 && made < n; d++) {
                    int port = 70_000 - (b2 * 29_791 + c3 * 961 + d * 31);
                    if (port < 1 || port > 65_535) {
                        continue;
                    }
                    b.tcp(b.host("10." + b2 + "." + c3 + "." + d), port, s, 2049).handshake();
                    made++;
                }
            }
        }
        return b;
    }

    /** Calls on one connection whose host-pair keys all have one hash code: program + 1, xid - 31. */
    static CaptureBuilder collidingRecentCalls(int n) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        TcpFlow flow = b.tcp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049).mss(60_000).handshake();
        flow.call(Rpc.call(1, Programs.NFS, 4, 0)); // a known program first: the stream carries RPC
        for (int i = 0; i < n; i++) {
            flow.client().queue(Rpc.call(0x40000000 - 31 * i, 200_000 + i, 1, 0));
        }
        flow.client().flush();
        return b;
    }

    private static long millis(IntFunction<CaptureBuilder> family, int n, Path dir) throws IOException {
        Path f = family.apply(n).write(dir.resolve("bench.pcap"));
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            RpcPipeline.run(f, e -> { }, new Diagnostics(0));
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1_000_000;
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("hostile-bench");
        String[] names = {"UDP calls, colliding keys", "TCP connections, colliding keys",
                "TCP calls, colliding host-pair keys"};
        @SuppressWarnings("unchecked")
        IntFunction<CaptureBuilder>[] families = new IntFunction[] {
                (IntFunction<CaptureBuilder>) HostileBench::collidingUdpCalls,
                (IntFunction<CaptureBuilder>) HostileBench::collidingConnections,
                (IntFunction<CaptureBuilder>) HostileBench::collidingRecentCalls};
        for (int k = 0; k < names.length; k++) {
            StringBuilder line = new StringBuilder(names[k]);
            for (int m : new int[] {1, 4, 16}) {
                line.append(" | ").append(m).append("N=").append(m * n).append(": ")
                        .append(millis(families[k], m * n, dir)).append(" ms");
            }
            System.out.println(line);
        }
    }
}
