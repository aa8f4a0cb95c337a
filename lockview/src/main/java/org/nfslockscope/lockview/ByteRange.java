package org.nfslockscope.lockview;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte range {@code [offset, end]} of a file, both ends inclusive, with unsigned 64-bit
 * semantics: offsets run from 0 to 2^64-1, which is stored as {@code -1L}. All comparisons
 * go through {@link Long#compareUnsigned}. A range whose end is 2^64-1 runs "to EOF": it
 * covers whatever the file grows to, and its length is reported as "EOF".
 *
 * <p>Inclusive ends are used because the largest range, [0, 2^64-1], has a length (2^64)
 * that does not fit in 64 bits, while its end does.
 */
public record ByteRange(long offset, long end) {

    /** The largest offset, 2^64-1, as a signed long. */
    public static final long MAX_OFFSET = -1L;

    /** NFSv4's all-ones length, "up to the end of any file" [RFC 7530 §16.10.4]. */
    public static final long NFS4_LENGTH_TO_EOF = -1L;

    /** The whole file. */
    public static final ByteRange WHOLE_FILE = new ByteRange(0, MAX_OFFSET);

    public ByteRange {
        if (Long.compareUnsigned(offset, end) > 0) {
            throw new IllegalArgumentException("range end " + Long.toUnsignedString(end)
                    + " is before its offset " + Long.toUnsignedString(offset));
        }
    }

    /** The range [offset, end], both inclusive. */
    public static ByteRange of(long offset, long end) {
        return new ByteRange(offset, end);
    }

    /**
     * The range of an NFSv4 LOCK, LOCKT or LOCKU: [offset, offset+length-1], or
     * [offset, 2^64-1] for the all-ones length.
     *
     * @return the range, or {@code null} when the arguments describe no valid range
     *         (length 0, or a length other than all-ones that runs past 2^64-1). A server
     *         must answer NFS4ERR_INVAL to those [RFC 7530 §16.10.4], so there is nothing to
     *         record in the view; returning null lets the caller report it instead of failing.
     */
    public static ByteRange ofNfs4(long offset, long length) {
        if (length == NFS4_LENGTH_TO_EOF) {
            return new ByteRange(offset, MAX_OFFSET);
        }
        if (length == 0 || runsPastLastOffset(offset, length)) {
            return null;
        }
        return new ByteRange(offset, offset + length - 1);
    }

    /**
     * The range of an NLM lock: length 0 means "to EOF". NLM has no all-ones convention;
     * a length that runs past 2^64-1 is clamped to 2^64-1, which is what Linux lockd does
     * (it turns an overflowing end into its maximum offset) rather than refusing the request.
     * NLM v1/v3 carry 32-bit values: pass them zero-extended.
     */
    public static ByteRange ofNlm(long offset, long length) {
        if (length == 0 || runsPastLastOffset(offset, length)) {
            return new ByteRange(offset, MAX_OFFSET);
        }
        return new ByteRange(offset, offset + length - 1);
    }

    /** True if offset + length - 1 > 2^64-1, i.e. length > 2^64 - offset (unsigned). */
    private static boolean runsPastLastOffset(long offset, long length) {
        return offset != 0 && Long.compareUnsigned(length, -offset) > 0;
    }

    /** True if the range runs to the largest offset, that is "to EOF". */
    public boolean toEof() {
        return end == MAX_OFFSET;
    }

    /**
     * The number of bytes, unsigned. Only meaningful when {@link #toEof()} is false: the
     * whole-file range has 2^64 bytes, which does not fit and is returned as 0.
     */
    public long length() {
        return end - offset + 1;
    }

    /** True if the two ranges share at least one byte. */
    public boolean overlaps(ByteRange other) {
        return Long.compareUnsigned(offset, other.end) <= 0 && Long.compareUnsigned(other.offset, end) <= 0;
    }

    /** True if the ranges do not overlap but one starts right after the other ends (end+1 == start). */
    public boolean touches(ByteRange other) {
        return (end != MAX_OFFSET && end + 1 == other.offset)
                || (other.end != MAX_OFFSET && other.end + 1 == offset);
    }

    /** True if the ranges overlap or touch, that is if their union is one range. */
    public boolean overlapsOrTouches(ByteRange other) {
        return overlaps(other) || touches(other);
    }

    /** True if every byte of {@code other} is in this range. */
    public boolean contains(ByteRange other) {
        return Long.compareUnsigned(offset, other.offset) <= 0 && Long.compareUnsigned(other.end, end) <= 0;
    }

    /** True if the byte at {@code position} is in this range. */
    public boolean contains(long position) {
        return Long.compareUnsigned(offset, position) <= 0 && Long.compareUnsigned(position, end) <= 0;
    }

    /** The smallest range covering both (the union when they overlap or touch). */
    public ByteRange span(ByteRange other) {
        long lo = Long.compareUnsigned(offset, other.offset) <= 0 ? offset : other.offset;
        long hi = Long.compareUnsigned(end, other.end) >= 0 ? end : other.end;
        return new ByteRange(lo, hi);
    }

    /** The common bytes, or {@code null} if the ranges do not overlap. */
    public ByteRange intersection(ByteRange other) {
        if (!overlaps(other)) {
            return null;
        }
        long lo = Long.compareUnsigned(offset, other.offset) >= 0 ? offset : other.offset;
        long hi = Long.compareUnsigned(end, other.end) <= 0 ? end : other.end;
        return new ByteRange(lo, hi);
    }

    /**
     * This range without the bytes of {@code other}: zero, one or two pieces, in offset order.
     * This is what an unlock of {@code other} leaves of a lock on this range.
     */
    public List<ByteRange> minus(ByteRange other) {
        List<ByteRange> rest = new ArrayList<>(2);
        if (!overlaps(other)) {
            rest.add(this);
            return rest;
        }
        if (Long.compareUnsigned(offset, other.offset) < 0) {
            rest.add(new ByteRange(offset, other.offset - 1));
        }
        if (Long.compareUnsigned(end, other.end) > 0) {
            rest.add(new ByteRange(other.end + 1, end));
        }
        return rest;
    }

    /** Orders by offset, then end, unsigned. */
    public static int compare(ByteRange a, ByteRange b) {
        int c = Long.compareUnsigned(a.offset, b.offset);
        return c != 0 ? c : Long.compareUnsigned(a.end, b.end);
    }

    /** The offset as an unsigned decimal string. */
    public String offsetText() {
        return Long.toUnsignedString(offset);
    }

    /** The length as an unsigned decimal string, or "EOF" for a range that runs to 2^64-1. */
    public String lengthText() {
        return toEof() ? "EOF" : Long.toUnsignedString(length());
    }

    /**
     * The JSON form of the output contract, {@code {"offset": 0, "length": "EOF"}}: numbers
     * as {@link Long}, or {@link BigInteger} above 2^63-1 so that a JSON writer prints the
     * exact unsigned value; the length is the string "EOF" for a range to EOF.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("offset", unsignedNumber(offset));
        json.put("length", toEof() ? "EOF" : unsignedNumber(length()));
        return json;
    }

    private static Number unsignedNumber(long value) {
        return value >= 0 ? Long.valueOf(value) : new BigInteger(Long.toUnsignedString(value));
    }

    @Override
    public String toString() {
        return "[" + offsetText() + ", " + (toEof() ? "EOF" : Long.toUnsignedString(end)) + "]";
    }
}
