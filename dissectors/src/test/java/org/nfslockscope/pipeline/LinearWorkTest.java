package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

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

    /**
     * One UDP datagram in {@code count} fragments of 8 bytes: the last fragment first (so the
     * total length is known), then the others from the start, so that every fragment extends
     * the covered prefix by one block.
     */
    private static CaptureBuilder fragmentsLastFirst(int count) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        UdpFlow flow = b.udp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049);
        int body = count * 8 - 8 - 40; // UDP header, call header with empty credentials
        Rpc call = Rpc.call(1, Programs.NFS, 3, 7).body(body, 1);
        int[] order = new int[count];
        order[0] = count - 1;
        for (int i = 1; i < count; i++) {
            order[i] = i - 1;
        }
        flow.sendFragmented(true, call, 8, 9, order);
        return b;
    }

    @Test
    void fragmentsCompletingThePrefixOneBlockAtATimeAreLinear() throws IOException {
        int n = 1000;
        CaptureSummary small = run(fragmentsLastFirst(n));
        CaptureSummary large = run(fragmentsLastFirst(8 * n));
        assertEquals(1, small.rpc().calls());
        assertEquals(1, large.rpc().calls());
        assertLinear("IP fragments, last first then in order", small.limits().work(), large.limits().work());
    }

    @Test
    void fragmentsInReverseOrderAreLinear() throws IOException {
        long[] work = new long[2];
        for (int k = 0; k < 2; k++) {
            int count = k == 0 ? 1000 : 8000;
            CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
            UdpFlow flow = b.udp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049);
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = count - 1 - i;
            }
            flow.sendFragmented(true, Rpc.call(1, Programs.NFS, 3, 7).body(count * 8 - 48, 1), 8, 9, order);
            CaptureSummary summary = run(b);
            assertEquals(1, summary.rpc().calls());
            work[k] = summary.limits().work();
        }
        assertLinear("IP fragments in reverse order", work[0], work[1]);
    }

    /** How a test emits the segments of one direction. */
    private interface Emitter {
        void emit(TcpFlow.Side side, List<TcpFlow.Segment> segments);
    }

    /** {@code calls} calls of 100 bytes each on one connection, cut into 100-byte segments, emitted as told. */
    private CaptureSummary calls(int calls, int segmentSize, Emitter emitter) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        TcpFlow flow = b.tcp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049).handshake();
        for (int xid = 1; xid <= calls; xid++) {
            flow.client().queue(Rpc.call(xid, Programs.NFS, 4, 0).body(56, xid));
        }
        int[] sizes = new int[(int) ((flow.client().written() + segmentSize - 1) / segmentSize)];
        java.util.Arrays.fill(sizes, segmentSize);
        emitter.emit(flow.client(), flow.client().cut(sizes));
        CaptureSummary summary = run(b);
        assertEquals(calls, summary.rpc().calls(), "every call is read");
        return summary;
    }

    private void assertLinearTcp(String family, int n, int segmentSize, Emitter emitter) throws IOException {
        CaptureSummary small = calls(n, segmentSize, emitter);
        CaptureSummary large = calls(8 * n, segmentSize, emitter);
        assertEquals(0, large.limits().outOfOrderOverflows());
        assertLinear(family, small.limits().work() + small.rpc().scanWork(),
                large.limits().work() + large.rpc().scanWork());
    }

    @Test
    void segmentsInReverseOrderAreLinear() throws IOException {
        assertLinearTcp("TCP segments in reverse order", 300, 100, (side, segments) -> {
            for (int i = segments.size() - 1; i >= 0; i--) {
                segments.get(i).emit();
            }
        });
    }

    @Test
    void segmentsInterleavedWithHolesAreLinear() throws IOException {
        assertLinearTcp("TCP segments, every other one first (holes filled later)", 300, 100, (side, segments) -> {
            for (int i = 1; i < segments.size(); i += 2) {
                segments.get(i).emit();
            }
            for (int i = 0; i < segments.size(); i += 2) {
                segments.get(i).emit();
            }
        });
    }

    @Test
    void overlappingRetransmissionsAreLinear() throws IOException {
        // Every byte sent four times: 200-byte segments starting every 50 bytes, last first, so
        // that all of them are held overlapping one another until the first arrives (3,200 at
        // 8N, within the 4,096 a direction may hold).
        assertLinearTcp("overlapping retransmissions, held out of order", 200, 100, (side, segments) -> {
            long total = side.written();
            for (long off = (total - 1) / 50 * 50; off >= 0; off -= 50) {
                side.segment(off, (int) Math.min(200, total - off)).emit();
            }
        });
    }

    @Test
    void tinySegmentsOfOneLargeRecordAreLinear() throws IOException {
        long[] work = new long[2];
        for (int k = 0; k < 2; k++) {
            int body = k == 0 ? 20_000 : 160_000;
            CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
            TcpFlow flow = b.tcp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049).mss(4).handshake();
            flow.call(Rpc.call(1, Programs.NFS, 4, 1).body(body, 3));
            CaptureSummary summary = run(b);
            assertEquals(1, summary.rpc().calls());
            work[k] = summary.limits().work() + summary.rpc().scanWork();
        }
        assertLinear("4-byte segments of one large record", work[0], work[1]);
    }

    @Test
    void connectionsEvictedOneAfterTheOtherAreLinear() throws IOException {
        long[] work = new long[2];
        for (int k = 0; k < 2; k++) {
            int connections = k == 0 ? 500 : 4000;
            CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
            for (int i = 0; i < connections; i++) {
                TcpFlow flow = b.tcp(b.host("10.0.0.2"), 1024 + i, b.host("10.0.0.1"), 2049).handshake();
                // idle for longer than the tracker waits: the next connection evicts this one
                b.step(601 * SECOND);
                flow.call(Rpc.call(i + 1, Programs.NFS, 4, 0));
                b.step(1_000_000);
            }
            CaptureSummary summary = run(b);
            assertEquals(connections - 1, summary.limits().connectionsEvicted());
            work[k] = summary.limits().work();
        }
        assertLinear("connections evicted one after the other", work[0], work[1]);
    }
}
