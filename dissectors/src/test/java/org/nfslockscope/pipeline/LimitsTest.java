package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcStats;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

/**
 * Hitting a memory bound is counted and reported, never silent; and pathological input costs
 * work linear in its size, measured with the stages' work counters, not with a clock.
 */
class LimitsTest {
    private static final long SECOND = 1_000_000_000L;
    /** {@code RecordFramer.SCAN_BUDGET}. */
    private static final int SCAN_BUDGET = 4 << 20;
    /** {@code RpcTracker.MAX_RECENT}. */
    private static final int MAX_RECENT = 1 << 16;

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

    /**
     * Garbage built to make the resynchronising scan work hardest: every 12 bytes a candidate
     * record mark (last fragment, 64 bytes) with a CALL message type 8 bytes on, so the scan asks
     * the RPC header check at each one; random bytes between some of them.
     */
    private static byte[] scanBait(int n, long seed) {
        ByteBuffer b = ByteBuffer.allocate(n);
        Random r = new Random(seed);
        while (b.remaining() >= 12) {
            b.putInt(0x80000040).putInt(r.nextInt()).putInt(0);
            if (r.nextInt(8) == 0 && b.remaining() >= 7) {
                byte[] noise = new byte[1 + r.nextInt(6)];
                r.nextBytes(noise);
                b.put(noise);
            }
        }
        return b.array();
    }

    @Test
    void aDirectionOfGarbageIsGivenUpAfterTheScanBudgetAndCounted(@TempDir Path dir) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        TcpFlow flow = b.tcp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049).mss(1400).handshake();
        int size = SCAN_BUDGET + (1 << 20);
        flow.client().queue(scanBait(size, 1)).flush();
        CaptureSummary summary = RpcPipeline.run(b.write(dir.resolve("g.pcap")), e -> { }, new Diagnostics(0));
        assertEquals(1, summary.rpc().scanBudgetsExhausted());
        assertEquals(0, summary.rpc().calls());
        // Scanning stops within one segment of the budget, and costs at most two units per byte
        // fed plus the few bytes kept for judging a candidate at each segment's end.
        assertTrue(summary.rpc().resyncBytesSkipped() <= SCAN_BUDGET + 1400, "" + summary.rpc().resyncBytesSkipped());
        long segments = size / 1400 + 1;
        assertTrue(summary.rpc().scanWork() <= 2L * (SCAN_BUDGET + 1400) + 64 * segments,
                "scan work " + summary.rpc().scanWork());
    }

    @Test
    void resynchronisingThroughGarbageIsLinearInItsSize(@TempDir Path dir) throws IOException {
        long[] work = new long[2];
        int[] sizes = {1 << 20, 4 << 20};
        for (int i = 0; i < 2; i++) {
            CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
            // Small segments: the scan keeps a candidate it cannot judge yet across every one.
            TcpFlow flow = b.tcp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049).mss(100).handshake();
            flow.call(Rpc.call(1, Programs.NFS, 4, 0).authSys("h", 0, 0));
            // After RPC was seen there is no budget: the scan goes on until the next record.
            flow.client().queue(scanBait(sizes[i], 2)).flush();
            flow.call(Rpc.call(2, Programs.NFS, 4, 0).authSys("h", 0, 0));
            CaptureSummary summary = RpcPipeline.run(b.write(dir.resolve("r" + i + ".pcap")), e -> { },
                    new Diagnostics(0));
            assertEquals(0, summary.rpc().scanBudgetsExhausted());
            assertEquals(2, summary.rpc().calls(), "the call after the garbage is found again");
            assertTrue(summary.rpc().resyncBytesSkipped() >= sizes[i] - 100, "" + summary.rpc().resyncBytesSkipped());
            work[i] = summary.rpc().scanWork();
            long segments = sizes[i] / 100 + 2;
            assertTrue(work[i] <= 2L * sizes[i] + 64 * segments, "scan work " + work[i] + " for " + sizes[i]);
        }
        assertTrue(work[1] <= 4.5 * work[0], "work " + work[0] + " then " + work[1] + " for 4 times the bytes");
    }

    /** {@code RpcTracker.MAX_TCP_CALLS} and {@code MAX_CALLS_PER_CONNECTION}. */
    private static final int MAX_TCP_CALLS = 1 << 17;
    private static final int CALLS_PER_CONNECTION = 8192;

    /**
     * Connections together keep at most their budget of calls: 24 connections of 8192 unanswered
     * calls each would hold 196,608; the 16th fills the budget of 131,072, every connection is cut
     * to 4096, and the later ones keep 4096 too (24 x 4096 stays below the budget). A reply to a call still kept pairs, one to a forgotten call
     * does not.
     */
    @Test
    void connectionsTogetherKeepAtMostTheirBudgetOfCalls(@TempDir Path dir) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        var server = b.host("10.0.0.1");
        int connections = 24;
        List<TcpFlow> flows = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            TcpFlow flow = b.tcp(b.host("10.1." + c / 200 + "." + (1 + c % 200)), 800, server, 2049).mss(60_000)
                    .handshake();
            for (int xid = 1; xid <= CALLS_PER_CONNECTION; xid++) {
                flow.client().queue(Rpc.call(xid, Programs.NFS, 4, 0).authSys("h", 0, 0));
            }
            flow.client().flush();
            flows.add(flow);
        }
        flows.get(0).reply(Rpc.reply(CALLS_PER_CONNECTION));
        flows.get(0).reply(Rpc.reply(1));
        flows.get(connections - 1).reply(Rpc.reply(CALLS_PER_CONNECTION / 2 + 1));
        flows.get(connections - 1).reply(Rpc.reply(CALLS_PER_CONNECTION / 2));
        CaptureSummary summary = RpcPipeline.run(b.write(dir.resolve("c.pcap")), e -> { }, new Diagnostics(0));
        RpcStats r = summary.rpc();
        assertEquals((long) connections * CALLS_PER_CONNECTION, r.calls());
        assertEquals(1, r.callTablesHalved());
        assertTrue(MAX_TCP_CALLS < (long) connections * CALLS_PER_CONNECTION);
        assertEquals((long) connections * (CALLS_PER_CONNECTION / 2), r.evictedCalls());
        assertEquals(2, r.orphanReplies(), "the replies to xid 1 of the first and 4096 of the last are orphans");
    }

    /** The cross-connection table holds calls in flight only: answered ones leave it, uncounted. */
    @Test
    void answeredCallsAreNotForgottenByTheCrossConnectionTable(@TempDir Path dir) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        TcpFlow flow = b.tcp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049).mss(60_000).handshake();
        // In runs of a thousand calls and their replies: each run's calls all wait for a reply.
        for (int from = 1; from <= MAX_RECENT + 100; from += 1000) {
            int to = Math.min(from + 999, MAX_RECENT + 100);
            for (int xid = from; xid <= to; xid++) {
                flow.client().queue(Rpc.call(xid, Programs.NFS, 4, 0).authSys("h", 0, 0));
            }
            flow.client().flush();
            for (int xid = from; xid <= to; xid++) {
                flow.server().queue(Rpc.reply(xid));
            }
            flow.server().flush();
        }
        CaptureSummary summary = RpcPipeline.run(b.write(dir.resolve("c.pcap")), e -> { }, new Diagnostics(0));
        assertEquals(MAX_RECENT + 100, summary.rpc().replies());
        assertEquals(0, summary.rpc().orphanReplies());
        assertEquals(0, summary.rpc().recentCallsForgotten());
    }

    @Test
    void callsForgottenByTheCrossConnectionTableAreCounted(@TempDir Path dir) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).time(1_700_000_000L * SECOND);
        TcpFlow flow = b.tcp(b.host("10.0.0.2"), 800, b.host("10.0.0.1"), 2049).mss(60_000).handshake();
        int extra = 100;
        for (int xid = 1; xid <= MAX_RECENT + extra; xid++) {
            flow.client().queue(Rpc.call(xid, Programs.NFS, 4, 0).authSys("h", 0, 0));
        }
        flow.client().flush();
        CaptureSummary summary = RpcPipeline.run(b.write(dir.resolve("c.pcap")), e -> { }, new Diagnostics(0));
        assertEquals(MAX_RECENT + extra, summary.rpc().calls());
        assertEquals(extra, summary.rpc().recentCallsForgotten());
    }
}
