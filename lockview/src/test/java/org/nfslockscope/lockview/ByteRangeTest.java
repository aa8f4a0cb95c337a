package org.nfslockscope.lockview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static final long MAX = ByteRange.MAX_OFFSET;

    @Test
    void nfs4AllOnesLengthRunsToEof() {
        ByteRange r = ByteRange.ofNfs4(100, -1L);
        assertEquals(100, r.offset());
        assertEquals(MAX, r.end());
        assertTrue(r.toEof());
        assertEquals("EOF", r.lengthText());
        assertEquals(ByteRange.WHOLE_FILE, ByteRange.ofNfs4(0, -1L));
    }

    @Test
    void nfs4LengthZeroOrPastTheLastOffsetIsInvalid() {
        assertNull(ByteRange.ofNfs4(0, 0));
        assertNull(ByteRange.ofNfs4(10, -9L)); // 10 + (2^64-9) - 1 = 2^64: one byte too many
        assertNull(ByteRange.ofNfs4(-1L, 2));
        assertEquals(ByteRange.of(10, MAX), ByteRange.ofNfs4(10, -10L)); // exactly to 2^64-1
        assertEquals(ByteRange.of(10, MAX - 1), ByteRange.ofNfs4(10, -11L));
        assertEquals(ByteRange.of(MAX, MAX), ByteRange.ofNfs4(MAX, 1));
    }

    @Test
    void nfs4OrdinaryRange() {
        ByteRange r = ByteRange.ofNfs4(10, 5);
        assertEquals(ByteRange.of(10, 14), r);
        assertEquals(5, r.length());
        assertEquals("5", r.lengthText());
        assertEquals("10", r.offsetText());
    }

    @Test
    void nlmLengthZeroRunsToEofAndOverflowIsClamped() {
        assertEquals(ByteRange.of(7, MAX), ByteRange.ofNlm(7, 0));
        assertEquals(ByteRange.of(7, 8), ByteRange.ofNlm(7, 2));
        assertEquals(ByteRange.of(-5L, MAX), ByteRange.ofNlm(-5L, 100));
        // 32-bit NLM values zero-extended
        assertEquals(ByteRange.of(0xFFFF_FFFFL, 0xFFFF_FFFFL), ByteRange.ofNlm(0xFFFF_FFFFL, 1));
    }

    @Test
    void endBeforeOffsetIsRejectedUnsigned() {
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(5, 4));
        // -1L is 2^64-1, after 5 when unsigned
        assertEquals(MAX, ByteRange.of(5, -1L).end());
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(-1L, 5));
    }

    @Test
    void overlapIsUnsigned() {
        ByteRange high = ByteRange.of(Long.MIN_VALUE, MAX); // 2^63 .. 2^64-1
        ByteRange low = ByteRange.of(0, Long.MAX_VALUE);    // 0 .. 2^63-1
        assertFalse(high.overlaps(low));
        assertTrue(high.touches(low));
        assertTrue(low.touches(high));
        assertEquals(ByteRange.WHOLE_FILE, low.span(high));
        assertTrue(ByteRange.WHOLE_FILE.overlaps(ByteRange.of(MAX, MAX)));
    }

    @Test
    void touchingIsNotOverlapping() {
        ByteRange a = ByteRange.of(0, 9);
        ByteRange b = ByteRange.of(10, 19);
        assertFalse(a.overlaps(b));
        assertTrue(a.touches(b));
        assertTrue(b.touches(a));
        assertTrue(a.overlapsOrTouches(b));
        assertFalse(a.touches(ByteRange.of(11, 19)));
        assertFalse(a.touches(ByteRange.of(5, 19)), "overlapping ranges do not touch");
    }

    @Test
    void rangesEndingAtTheLastOffsetTouchNothingAfterThem() {
        ByteRange eof = ByteRange.of(100, MAX);
        ByteRange start = ByteRange.of(0, 0);
        assertFalse(eof.touches(start), "2^64-1 + 1 must not wrap to 0");
        assertFalse(start.touches(eof));
        assertTrue(ByteRange.of(0, 99).touches(eof));
    }

    @Test
    void minusSplitsIntoZeroOneOrTwoPieces() {
        ByteRange r = ByteRange.of(0, 99);
        assertEquals(List.of(ByteRange.of(0, 39), ByteRange.of(60, 99)), r.minus(ByteRange.of(40, 59)));
        assertEquals(List.of(ByteRange.of(50, 99)), r.minus(ByteRange.of(0, 49)));
        assertEquals(List.of(), r.minus(ByteRange.WHOLE_FILE));
        assertEquals(List.of(r), r.minus(ByteRange.of(100, 200)));
        assertEquals(List.of(ByteRange.of(0, MAX - 1)), ByteRange.WHOLE_FILE.minus(ByteRange.of(MAX, MAX)));
        assertEquals(List.of(ByteRange.of(1, MAX)), ByteRange.WHOLE_FILE.minus(ByteRange.of(0, 0)));
    }

    @Test
    void intersectionAndContainment() {
        assertEquals(ByteRange.of(5, 9), ByteRange.of(0, 9).intersection(ByteRange.of(5, 20)));
        assertNull(ByteRange.of(0, 9).intersection(ByteRange.of(10, 20)));
        assertTrue(ByteRange.WHOLE_FILE.contains(ByteRange.of(-3L, -2L)));
        assertFalse(ByteRange.of(0, 9).contains(ByteRange.of(5, 10)));
        assertTrue(ByteRange.of(0, MAX).contains(MAX));
        assertFalse(ByteRange.of(0, 9).contains(-1L));
    }

    @Test
    void textFormsAreUnsigned() {
        ByteRange r = ByteRange.of(-16L, -9L);
        assertEquals("18446744073709551600", r.offsetText());
        assertEquals("8", r.lengthText());
        assertEquals("[18446744073709551600, 18446744073709551607]", r.toString());
        assertEquals("[0, EOF]", ByteRange.WHOLE_FILE.toString());
    }

    @Test
    void compareOrdersUnsigned() {
        assertTrue(ByteRange.compare(ByteRange.of(1, 1), ByteRange.of(-1L, -1L)) < 0);
        assertTrue(ByteRange.compare(ByteRange.of(1, 2), ByteRange.of(1, 3)) < 0);
        assertEquals(0, ByteRange.compare(ByteRange.of(1, 2), ByteRange.of(1, 2)));
    }
}
