package org.nfslockscope.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.TcpFlow;

/** TCP reassembly through the net stage, on captures written by the builder. */
class TcpReassemblyTest {
    private static final int LENGTH = 300;

    @TempDir
    Path dir;

    private CaptureBuilder capture;
    private TcpFlow flow;
    private int file;

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    private TcpFlow open(int clientIsn, boolean handshake) {
        capture = CaptureBuilder.pcap(Link.ethernet());
        flow = capture.tcp(capture.host("10.0.0.1"), 871, capture.host("10.0.0.2"), 2049).isn(clientIsn, 77);
        if (handshake) {
            flow.handshake();
        }
        return flow;
    }

    private StreamRecorder run() {
        return StreamRecorder.run(capture.write(dir.resolve("t" + (file++) + ".pcap")));
    }

    private static void assertWhole(StreamRecorder r, byte[] expected) {
        assertArrayEquals(expected, r.stream(0, 0));
        assertEquals(List.of(), r.gaps(0, 0), r.events.toString());
    }

    @Test
    void everySplitIntoTwoSegmentsGivesTheSameStream() {
        byte[] d = data(LENGTH);
        for (int cut = 1; cut < LENGTH; cut++) {
            open(1000, true).client().queue(d).flush(cut);
            assertWhole(run(), d);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 0xffffff00, 0xfffffffe, 0xffffffff, 0x7fffff80})
    void oneByteAtATimeAlsoAcrossTheSequenceWrap(int isn) {
        byte[] d = data(LENGTH);
        int[] ones = new int[LENGTH];
        Arrays.fill(ones, 1);
        open(isn, true).client().queue(d).flush(ones);
        StreamRecorder r = run();
        assertWhole(r, d);
        // Each byte is handed on in the frame that carried it: the handshake took frames 1-3.
        List<StreamRecorder.Event> data = r.of(0, 0, "data");
        assertEquals(LENGTH, data.size());
        for (int i = 0; i < LENGTH; i++) {
            assertEquals(4 + i, data.get(i).frame());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 0xffffff00, 0xffffffd0})
    void outOfOrderSegmentsWaitForTheHoleAndCompleteInTheFrameThatFillsIt(int isn) {
        byte[] d = data(LENGTH);
        List<TcpFlow.Segment> segs = open(isn, true).client().queue(d).cut(50, 50, 50, 50, 50, 50);
        Collections.reverse(segs);
        int last = 0;
        for (TcpFlow.Segment s : segs) {
            last = s.emit();
        }
        StreamRecorder r = run();
        assertWhole(r, d);
        assertTrue(r.of(0, 0, "data").stream().allMatch(e -> e.frame() == capture.frames()), r.events.toString());
        assertEquals(capture.frames(), last);
    }

    @Test
    void randomOrderWithDuplicatesAndOverlapsGivesTheStreamOnce() {
        byte[] d = data(LENGTH);
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            TcpFlow.Side c = open(0xfffffff0 + round, true).client().queue(d);
            List<TcpFlow.Segment> segs = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int off = random.nextInt(LENGTH - 1);
                segs.add(c.segment(off, 1 + random.nextInt(Math.min(60, LENGTH - off))));
            }
            segs.addAll(c.cut(40, 40, 40, 40, 40, 40, 40));
            Collections.shuffle(segs, random);
            segs.forEach(TcpFlow.Segment::emit);
            segs.get(0).emit();
            StreamRecorder r = run();
            assertWhole(r, d);
        }
    }

    @Test
    void retransmissionOfDeliveredBytesIsNotDeliveredAgain() {
        byte[] d = data(LENGTH);
        TcpFlow.Side c = open(5, true).client().queue(d);
        List<TcpFlow.Segment> segs = c.cut(100, 100, 100);
        segs.get(0).emit();
        segs.get(0).emit();
        segs.get(1).emit();
        c.segment(50, 100).emit();
        segs.get(2).emit();
        segs.get(2).emit();
        assertWhole(run(), d);
    }

    @Test
    void lostSegmentIsAGapOfItsSizeAndTheBytesAroundItAreNotGlued() {
        byte[] d = data(LENGTH);
        List<TcpFlow.Segment> segs = open(0xffffff80, true).client().queue(d).cut(100, 100, 100);
        segs.get(0).emit();
        segs.get(2).emit();
        flow.close();
        StreamRecorder r = run();
        assertEquals(List.of(100L), r.gaps(0, 0));
        byte[] expected = new byte[200];
        System.arraycopy(d, 0, expected, 0, 100);
        System.arraycopy(d, 200, expected, 100, 100);
        assertArrayEquals(expected, r.stream(0, 0));
        // The hole is reported before the bytes after it, never after them.
        List<StreamRecorder.Event> dir0 = r.events.stream().filter(e -> e.direction() == 0).toList();
        assertEquals("gap", dir0.get(1).kind(), dir0.toString());
    }

    @Test
    void anAckBeyondAHoleDeclaresItLostAtOnce() {
        byte[] d = data(LENGTH);
        List<TcpFlow.Segment> segs = open(1, true).client().queue(d).cut(100, 100, 100);
        segs.get(0).emit();
        int third = segs.get(2).emit();
        int ack = flow.server().ackAll();
        StreamRecorder r = run();
        List<StreamRecorder.Event> gaps = r.of(0, 0, "gap");
        assertEquals(1, gaps.size());
        assertEquals(100, gaps.get(0).missing());
        assertEquals(third, gaps.get(0).frame());
        assertEquals(third, r.of(0, 0, "data").get(1).frame());
        assertTrue(r.events.indexOf(gaps.get(0)) < r.events.size() - 1);
        assertTrue(ack > third);
    }

    @Test
    void segmentCutBySnaplenIsAGapOfTheMissingBytes() {
        byte[] d = data(LENGTH);
        List<TcpFlow.Segment> segs = open(1, true).client().queue(d).cut(100, 100, 100);
        segs.get(0).emit();
        segs.get(1).emitTruncated(14 + 20 + 20 + 30);
        segs.get(2).emit();
        StreamRecorder r = run();
        assertEquals(List.of(70L), r.gaps(0, 0));
        assertEquals(230, r.stream(0, 0).length);
    }

    @Test
    void connectionAlreadyOpenStartsWithAGapOfUnknownSize() {
        byte[] d = data(LENGTH);
        open(123456, false);
        flow.server().queue(data(10)).flush();
        flow.client().queue(d).flush(100);
        StreamRecorder r = run();
        TcpConnection c = r.connections.get(0);
        assertFalse(c.sawSyn());
        assertEquals(2049, c.initiator().port(), "the first sender counts as initiator");
        assertEquals(List.of(-1L), r.gaps(0, 1));
        assertArrayEquals(d, r.stream(0, 1));
        assertEquals(List.of(-1L), r.gaps(0, 0));
    }

    @Test
    void finBothWaysClosesOnceAndANewSynStartsANewConnection() {
        open(1, true).client().queue(data(10)).flush();
        flow.close();
        TcpFlow again = capture.tcp(capture.host("10.0.0.1"), 871, capture.host("10.0.0.2"), 2049).isn(99999, 5).handshake();
        again.client().queue(data(20)).flush();
        int rst = again.server().rst();
        StreamRecorder r = run();
        List<StreamRecorder.Event> closes = r.events.stream().filter(e -> e.kind().equals("close")).toList();
        assertEquals(2, closes.size(), r.events.toString());
        assertEquals(0, closes.get(0).connection());
        assertEquals(1, closes.get(1).connection());
        assertEquals(rst, closes.get(1).frame());
        assertEquals(20, r.stream(1, 0).length);
        assertTrue(r.connections.get(1).sawSyn());
    }

    @Test
    void dataAfterTheHandshakeStartsAtByteZeroWithoutAGap() {
        open(0xffffffff, true).client().queue(data(10)).flush();
        StreamRecorder r = run();
        assertWhole(r, data(10));
        assertTrue(r.connections.get(0).sawSyn());
    }

    @Test
    void ipv6ConnectionIsReassembledToo() {
        capture = CaptureBuilder.pcap(Link.ethernet(7));
        flow = capture.tcp(capture.host("2001:db8::1"), 871, capture.host("2001:db8::2"), 2049).handshake();
        byte[] d = data(LENGTH);
        List<TcpFlow.Segment> segs = flow.client().queue(d).cut(100, 100, 100);
        segs.get(2).emit();
        segs.get(0).emit();
        segs.get(1).emit();
        assertWhole(run(), d);
    }

    @Test
    void repeatedSynIsTheSameConnection() {
        open(42, false);
        flow.client().queue(data(10));
        // The client's SYN is retransmitted before the handshake completes.
        flow.handshake();
        flow.handshake();
        flow.client().flush();
        StreamRecorder r = run();
        assertEquals(1, r.connections.size());
        assertWhole(r, data(10));
    }

    @Test
    void captureStartingAtTheSynAckStillKnowsWhoOpened() {
        open(42, false).handshakeFromSynAck();
        flow.server().queue(data(3)).flush();
        flow.client().queue(data(5)).flush();
        StreamRecorder r = run();
        TcpConnection c = r.connections.get(0);
        assertEquals(871, c.initiator().port());
        assertTrue(c.sawSyn());
        assertArrayEquals(data(5), r.stream(0, 0));
        assertArrayEquals(data(3), r.stream(0, 1));
        assertEquals(List.of(), r.gaps(0, 0));
    }

    @Test
    void finCarriedWithTheLastDataClosesAfterItsBytes() {
        open(1, true);
        List<TcpFlow.Segment> segs = flow.client().queue(data(30)).cut(10, 10, 10);
        segs.get(0).emit();
        segs.get(2).withFin().emit();
        segs.get(1).emit();
        int fin = flow.server().fin();
        StreamRecorder r = run();
        assertWhole(r, data(30));
        StreamRecorder.Event close = r.events.get(r.events.size() - 1);
        assertEquals("close", close.kind());
        assertEquals(fin, close.frame());
    }
}
