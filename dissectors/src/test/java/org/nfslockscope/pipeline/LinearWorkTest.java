package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.IpPacket;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Rpc;

/**
 * Pathological inputs built at size N and 8N: the work the stages count must grow about eight
 * times, not sixty-four. Work, not time, is measured (the machine is shared): the stages' own
 * work counters ({@code RpcStats.scanWork}, {@code NetCounters.reassemblyWork}).
 */
class LinearWorkTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private int file;

    private CaptureSummary run(CaptureBuilder b) throws IOException {
        return RpcPipeline.run(b.write(dir.resolve("w" + file++ + ".pcap")), e -> { }, new Diagnostics(0));
    }

    private static void assertLinear(String family, long small, long large) {
        System.out.println("linear work: " + family + ": N " + small + ", 8N " + large);
        assertTrue(small > 0, family + ": no work counted at N");
        assertTrue(large <= 9 * small, family + ": work " + small + " at N but " + large + " at 8N");
    }

    /**
     * Valid calls alternating with records whose header is not RPC, all in one segment (a large
     * one, as TCP segmentation offload leaves them in captures: IPv4 total length 0). Each bad
     * record makes the framer resynchronise inside the same segment.
     */
    private static CaptureBuilder resyncStorm(int size) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        Host c = b.host("10.0.0.2");
        Host s = b.host("10.0.0.1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int xid = 1;
        while (out.size() < size) {
            out.writeBytes(Rpc.call(xid++, Programs.NFS, 4, 0).record());
            // last fragment of 16 bytes whose message type (7) is neither CALL nor REPLY
            out.writeBytes(ByteBuffer.allocate(20).putInt(0x80000010).putInt(xid).putInt(7).putInt(7).putInt(7).array());
        }
        byte[] tcp = IpPacket.tcp(800, 2049, 1000, 1, 0x18, out.toByteArray());
        byte[] ip = IpPacket.of(c, s, IpPacket.TCP, tcp).bytes();
        ip[2] = 0; // total length 0: segmentation offload, the frame says where the segment ends
        ip[3] = 0;
        b.emit(0, new IpPacket(c, s, ip));
        return b;
    }

    @Test
    void resynchronisingManyTimesInsideOneSegmentIsLinear() throws IOException {
        int n = 24_000;
        CaptureSummary small = run(resyncStorm(n));
        CaptureSummary large = run(resyncStorm(8 * n));
        assertTrue(large.rpc().calls() >= 8 * small.rpc().calls() - 8, "every call after a bad record is found again");
        assertLinear("resynchronisation storm in one segment", small.rpc().scanWork(), large.rpc().scanWork());
    }

    @Test
    void aResyncStormInAQuarterMebibyteSegmentDoesNotOverflowTheStack() throws IOException {
        // Used to recurse once per bad record: 4,000 of them in one frame overflowed the stack.
        CaptureSummary summary = run(resyncStorm(250_000));
        assertTrue(summary.rpc().calls() > 3_500, "calls " + summary.rpc().calls());
        assertEquals(1, summary.frames());
    }
}
