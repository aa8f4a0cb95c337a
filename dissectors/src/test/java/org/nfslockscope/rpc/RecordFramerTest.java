package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nfslockscope.testing.Rpc;

class RecordFramerTest {

    /** What the framer handed on. */
    record Out(byte[] bytes, boolean complete, long frame) {
    }

    static final class Collector implements RecordFramer.Listener {
        final List<Out> records = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void onRecord(ByteBuffer record, boolean complete, long frame, long timeNanos) {
            byte[] b = new byte[record.remaining()];
            record.duplicate().get(b);
            records.add(new Out(b, complete, frame));
        }

        @Override
        public void onFramingProblem(String message, long frame) {
            problems.add(frame + ": " + message);
        }

        @Override
        public boolean plausibleStart(ByteBuffer b, int at, int avail) {
            return RpcHeaders.plausibleCall(b, at, avail) || RpcHeaders.plausibleReply(b, at, avail);
        }
    }

    private static final Rpc[] MESSAGES = {
        Rpc.call(1, 100003, 4, 1).authSys("client", 0, 0).body(40, 1),
        Rpc.reply(1).body(12, 2),
        Rpc.call(2, 100003, 4, 1).body(100, 3).fragments(30, 30),
        Rpc.call(3, 100021, 4, 2).body(8, 4).emptyLastFragment(),
        Rpc.reply(2).body(0, 0),
    };

    private static byte[] stream(Rpc... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Rpc m : messages) {
            out.writeBytes(m.record());
        }
        return out.toByteArray();
    }

    private static void assertMessages(Collector c, Rpc... expected) {
        assertEquals(expected.length, c.records.size(), c.problems.toString());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i].message(), c.records.get(i).bytes(), "record " + i);
            assertTrue(c.records.get(i).complete());
        }
        assertEquals(List.of(), c.problems);
    }

    private static void feed(RecordFramer f, byte[] s, int from, int to, long frame) {
        f.feed(ByteBuffer.wrap(s, from, to - from), frame, frame * 1000);
    }

    @Test
    void everyCutPositionGivesTheSameRecords() {
        byte[] s = stream(MESSAGES);
        for (int cut = 0; cut <= s.length; cut++) {
            Collector c = new Collector();
            RecordFramer f = new RecordFramer(c, true);
            feed(f, s, 0, cut, 1);
            feed(f, s, cut, s.length, 2);
            assertMessages(c, MESSAGES);
        }
    }

    @Test
    void everyPairOfCutsGivesTheSameRecordsInTheRightFrames() {
        Rpc[] messages = {MESSAGES[0], MESSAGES[2], MESSAGES[3]};
        byte[] s = stream(messages);
        for (int a = 0; a <= s.length; a += 3) {
            for (int b = a; b <= s.length; b += 5) {
                Collector c = new Collector();
                RecordFramer f = new RecordFramer(c, true);
                feed(f, s, 0, a, 1);
                feed(f, s, a, b, 2);
                feed(f, s, b, s.length, 3);
                assertMessages(c, messages);
                int end = 0;
                for (int i = 0; i < messages.length; i++) {
                    end += messages[i].record().length;
                    long expected = end <= a ? 1 : end <= b ? 2 : 3;
                    assertEquals(expected, c.records.get(i).frame(), "record " + i + ", cuts " + a + "," + b);
                }
            }
        }
    }

    @Test
    void oneByteAtATimeCompletesEachRecordInTheFrameOfItsLastByte() {
        byte[] s = stream(MESSAGES);
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, true);
        for (int i = 0; i < s.length; i++) {
            feed(f, s, i, i + 1, i + 1);
        }
        assertMessages(c, MESSAGES);
        long end = 0;
        for (int i = 0; i < MESSAGES.length; i++) {
            end += MESSAGES[i].record().length;
            assertEquals(end, c.records.get(i).frame(), "record " + i);
        }
    }

    @Test
    void severalRecordsInOneChunkAllCompleteInIt() {
        byte[] s = stream(MESSAGES);
        Collector c = new Collector();
        new RecordFramer(c, true).feed(ByteBuffer.wrap(s), 7, 0);
        assertMessages(c, MESSAGES);
        assertTrue(c.records.stream().allMatch(r -> r.frame() == 7));
    }

    @Test
    void randomChunkingsGiveTheSameRecords() {
        byte[] s = stream(MESSAGES);
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            Collector c = new Collector();
            RecordFramer f = new RecordFramer(c, true);
            int p = 0;
            long frame = 1;
            while (p < s.length) {
                int n = Math.min(s.length - p, 1 + random.nextInt(60));
                feed(f, s, p, p + n, frame++);
                p += n;
            }
            assertMessages(c, MESSAGES);
        }
    }

    @Test
    void gapInsideAFragmentKeepsStepAndDeliversThePrefixWhenDamagedInItsFirstFrame() {
        Rpc damaged = Rpc.call(5, 100003, 4, 1).body(200, 9);
        byte[] s = stream(MESSAGES[0], damaged, MESSAGES[1]);
        int start = MESSAGES[0].record().length;
        int gapAt = start + 60;
        int gapLen = 100;
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, true);
        feed(f, s, 0, gapAt, 1);
        f.gap(gapLen, 1, 0);
        feed(f, s, gapAt + gapLen, s.length, 2);
        assertEquals(3, c.records.size(), c.problems.toString());
        assertTrue(c.records.get(0).complete());
        Out cut = c.records.get(1);
        assertFalse(cut.complete());
        assertEquals(1, cut.frame());
        assertEquals(60 - 4, cut.bytes().length);
        assertArrayEquals(MESSAGES[1].message(), c.records.get(2).bytes());
        assertEquals(2, c.records.get(2).frame());
    }

    @Test
    void recordDamagedAfterItsFirstFrameIsDroppedWithAProblemAndTheNextOneStillComes() {
        Rpc damaged = Rpc.call(5, 100003, 4, 1).body(200, 9);
        byte[] s = stream(damaged, MESSAGES[1]);
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, true);
        feed(f, s, 0, 50, 1);
        feed(f, s, 50, 80, 2);
        f.gap(20, 3, 0);
        feed(f, s, 100, s.length, 4);
        assertEquals(1, c.records.size());
        assertArrayEquals(MESSAGES[1].message(), c.records.get(0).bytes());
        assertEquals(1, c.problems.size());
        assertTrue(c.problems.get(0).startsWith("3: "), c.problems.toString());
    }

    @Test
    void gapEndingExactlyAtTheFragmentEndKeepsStep() {
        Rpc damaged = Rpc.call(5, 100003, 4, 1).body(200, 9);
        byte[] s = stream(damaged, MESSAGES[1]);
        int end = damaged.record().length;
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, true);
        feed(f, s, 0, 40, 1);
        f.gap(end - 40, 1, 0);
        feed(f, s, end, s.length, 2);
        assertEquals(2, c.records.size());
        assertFalse(c.records.get(0).complete());
        assertArrayEquals(MESSAGES[1].message(), c.records.get(1).bytes());
    }

    @Test
    void gapPastTheFragmentResynchronisesOnTheNextPlausibleRecord() {
        byte[] s = stream(MESSAGES[0], MESSAGES[1], MESSAGES[0], MESSAGES[4]);
        int r1 = MESSAGES[0].record().length;
        int r2 = r1 + MESSAGES[1].record().length;
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, true);
        feed(f, s, 0, r1 + 10, 1);
        // The gap swallows the end of record 2 and the mark of record 3: its place is lost.
        f.gap(r2 + 6 - (r1 + 10), 2, 0);
        feed(f, s, r2 + 6, s.length, 3);
        assertArrayEquals(MESSAGES[0].message(), c.records.get(0).bytes());
        assertEquals(MESSAGES[4].message().length, c.records.get(c.records.size() - 1).bytes().length);
        assertArrayEquals(MESSAGES[4].message(), c.records.get(c.records.size() - 1).bytes());
        assertTrue(c.records.stream().skip(1).limit(c.records.size() - 2).noneMatch(Out::complete));
    }

    @Test
    void unknownGapBetweenRecordsFindsTheNextMarkEvenWhenFedByteByByte() {
        // A first fragment must hold a whole call header (40 bytes) to be recognised after a gap.
        Rpc fragmented = Rpc.call(2, 100003, 4, 1).body(100, 3).fragments(60, 30);
        byte[] s = stream(MESSAGES[0], fragmented, MESSAGES[1]);
        int r1 = MESSAGES[0].record().length;
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, true);
        feed(f, s, 0, r1, 1);
        f.gap(-1, 2, 0);
        for (int i = r1; i < s.length; i++) {
            feed(f, s, i, i + 1, i);
        }
        assertEquals(3, c.records.size(), c.problems.toString());
        assertArrayEquals(fragmented.message(), c.records.get(1).bytes());
        assertArrayEquals(MESSAGES[1].message(), c.records.get(2).bytes());
        assertEquals(s.length - 1, c.records.get(2).frame());
    }

    @Test
    void midStreamStartSkipsTheTailOfARecordAndFindsTheNextOne() {
        byte[] s = stream(MESSAGES[0], MESSAGES[1], MESSAGES[4]);
        for (int start = 1; start < MESSAGES[0].record().length; start += 7) {
            Collector c = new Collector();
            RecordFramer f = new RecordFramer(c, false);
            feed(f, s, start, s.length, 1);
            assertEquals(2, c.records.size(), "start " + start + " " + c.problems);
            assertArrayEquals(MESSAGES[1].message(), c.records.get(0).bytes());
            assertArrayEquals(MESSAGES[4].message(), c.records.get(1).bytes());
            assertTrue(f.skippedBytes() > 0);
        }
    }

    /** Frames {@code damage} between a valid record and two more, with a 4 KiB record limit. */
    private static Collector framedAround(byte[] damage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(stream(MESSAGES[0]));
        out.writeBytes(damage);
        out.writeBytes(stream(MESSAGES[1], MESSAGES[4]));
        byte[] all = out.toByteArray();
        Collector c = new Collector();
        feed(new RecordFramer(c, true, 4096), all, 0, all.length, 1);
        assertEquals(3, c.records.size(), c.problems.toString());
        assertArrayEquals(MESSAGES[1].message(), c.records.get(1).bytes());
        assertArrayEquals(MESSAGES[4].message(), c.records.get(2).bytes());
        return c;
    }

    @Test
    void oversizedMarkResynchronisesInsteadOfSwallowingTheStream() {
        Collector c = framedAround(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0});
        assertTrue(c.problems.get(0).contains("limit"), c.problems.toString());
    }

    @Test
    void oversizedMarkInsideAMultiFragmentRecordResynchronisesToo() {
        ByteArrayOutputStream damage = new ByteArrayOutputStream();
        damage.writeBytes(new byte[] {0, 0, 0, 40});
        damage.write(Rpc.call(8, 100003, 4, 1).body(40, 1).message(), 0, 40);
        damage.writeBytes(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        Collector c = framedAround(damage.toByteArray());
        assertTrue(c.problems.get(0).contains("limit"), c.problems.toString());
    }

    @Test
    void recordOverTheLimitInSeveralFragmentsIsSkippedAndTheNextOneFollows() {
        Rpc big = Rpc.call(9, 100003, 4, 1).body(3000, 1).fragments(1000, 1000);
        byte[] s = stream(MESSAGES[0], big, MESSAGES[1]);
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, true, 2048);
        for (int i = 0; i < s.length; i += 100) {
            feed(f, s, i, Math.min(s.length, i + 100), i);
        }
        List<Out> complete = c.records.stream().filter(Out::complete).toList();
        assertEquals(2, complete.size(), c.problems.toString());
        assertArrayEquals(MESSAGES[1].message(), complete.get(1).bytes());
        assertTrue(c.problems.stream().anyMatch(p -> p.contains("larger than")), c.problems.toString());
    }

    @Test
    void aStreamThatIsNotRpcIsEventuallyIgnored() {
        Collector c = new Collector();
        RecordFramer f = new RecordFramer(c, false);
        byte[] junk = new byte[1 << 16];
        new Random(1).nextBytes(junk);
        for (int i = 0; i < 80 && !f.ignoring(); i++) {
            f.feed(ByteBuffer.wrap(junk), i, 0);
        }
        assertTrue(f.ignoring());
        assertEquals(List.of(), c.records);
    }
}
