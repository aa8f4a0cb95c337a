package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

/** Hitting a memory bound is counted and reported, never silent. */
class LimitsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void anIncompleteDatagramIsCountedAsDropped(@TempDir Path dir) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        Host c = b.host("10.0.0.2");
        Host s = b.host("10.0.0.1");
        UdpFlow flow = b.udp(c, 800, s, 2049);
        Rpc big = Rpc.call(1, Programs.NFS, 3, 7).authSys("h", 0, 0).body(4000, 1);
        flow.sendFragmented(true, big, 1480, 77, 0, 2); // the middle fragment never arrives
        CaptureSummary summary = RpcPipeline.run(b.write(dir.resolve("f.pcap")), e -> { }, new Diagnostics(0));
        assertEquals(1, summary.limits().fragmentsDropped());
        assertEquals(0, summary.limits().connectionsEvicted());
    }

    @Test
    void aConnectionIdleForTenMinutesIsEvictedAndCounted(@TempDir Path dir) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        Host c = b.host("10.0.0.2");
        Host s = b.host("10.0.0.1");
        TcpFlow first = b.tcp(c, 800, s, 2049).handshake();
        // step() is the time added after each frame: the frame after the call comes ten minutes later
        b.step(601 * SECOND);
        first.call(Rpc.call(1, Programs.NFS, 4, 0).authSys("h", 0, 0));
        b.step(1_000_000);
        TcpFlow second = b.tcp(c, 801, s, 2049).handshake();
        second.call(Rpc.call(2, Programs.NFS, 4, 0).authSys("h", 0, 0));
        CaptureSummary summary = RpcPipeline.run(b.write(dir.resolve("t.pcap")), e -> { }, new Diagnostics(0));
        assertEquals(1, summary.limits().connectionsEvicted());
    }
}
