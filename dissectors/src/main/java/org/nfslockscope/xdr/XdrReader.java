package org.nfslockscope.xdr;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A bounds-checked, zero-copy cursor over XDR data (RFC 4506). Reads are absolute on the
 * underlying buffer, so the buffer's own position is never touched and views can be shared.
 * Every variable-length item is checked against the bytes actually present before anything is
 * allocated, so a hostile length field can never make us allocate more than the message holds.
 */
public final class XdrReader {
    private static final HexFormat HEX = HexFormat.of();

    private final ByteBuffer buf;
    private final int start;
    private final int limit;
    private int pos;

    /** Reads {@code buf} from its position to its limit. */
    public XdrReader(ByteBuffer buf) {
        this(buf, buf.position(), buf.limit());
    }

    public XdrReader(ByteBuffer buf, int start, int limit) {
        if (start < 0 || limit > buf.capacity() || start > limit) {
            throw new IllegalArgumentException("bad XDR window " + start + ".." + limit);
        }
        this.buf = buf;
        this.start = start;
        this.limit = limit;
        this.pos = start;
    }

    /** Offset from the start of the window. */
    public int offset() {
        return pos - start;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw new XdrException(what + ": needs " + (n & 0xffffffffL) + " bytes, "
                    + (limit - pos) + " left", offset());
        }
    }

    /** An XDR int or unsigned int, as the raw 32 bits. */
    public int u32() {
        need(4, "int");
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    /** An XDR unsigned int as a non-negative long. */
    public long u32L() {
        return u32() & 0xffffffffL;
    }

    /** An XDR hyper or unsigned hyper, as the raw 64 bits. */
    public long u64() {
        need(8, "hyper");
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    public boolean bool() {
        int v = u32();
        if (v != 0 && v != 1) {
            throw new XdrException("bool is " + (v & 0xffffffffL), offset() - 4);
        }
        return v == 1;
    }

    /**
     * A count (array length or opaque length) checked against a maximum and against the bytes
     * left, given that each element takes at least {@code minElementSize} bytes.
     */
    public int count(long max, int minElementSize, String what) {
        long n = u32L();
        if (n > max) {
            throw new XdrException(what + " count " + n + " exceeds " + max, offset() - 4);
        }
        if (n * Math.max(minElementSize, 0) > remaining()) {
            throw new XdrException(what + " count " + n + " exceeds the " + remaining()
                    + " bytes left", offset() - 4);
        }
        return (int) n;
    }

    private static int padded(int n) {
        return (n + 3) & ~3;
    }

    /** Skips {@code n} bytes plus padding to a multiple of four. */
    public void skipPadded(int n, String what) {
        need(n, what);
        int p = padded(n);
        // The final padding may be missing from a truncated message; the data itself was present.
        pos += Math.min(p, limit - pos);
    }

    /** Skips exactly {@code n} bytes. */
    public void skip(int n) {
        need(n, "skip");
        pos += n;
    }

    /** Fixed-length opaque, returned as a view (no copy). */
    public ByteBuffer opaqueFixed(int n) {
        need(n, "opaque");
        ByteBuffer v = buf.slice(pos, n);
        pos += Math.min(padded(n), limit - pos);
        return v;
    }

    /** Variable-length opaque of at most {@code max} bytes, returned as a view (no copy). */
    public ByteBuffer opaque(int max) {
        int n = count(max, 1, "opaque");
        return opaqueFixed(n);
    }

    /** Skips a variable-length opaque of at most {@code max} bytes and returns its length. */
    public int skipOpaque(long max) {
        int n = count(max, 1, "opaque");
        skipPadded(n, "opaque");
        return n;
    }

    /** Fixed-length opaque as lower-case hex. */
    public String hexFixed(int n) {
        need(n, "opaque");
        String text = TextCache.HEX.text(buf, pos, n);
        pos += Math.min(padded(n), limit - pos);
        return text;
    }

    /** Variable-length opaque as lower-case hex. */
    public String hexOpaque(int max) {
        return hexFixed(count(max, 1, "opaque"));
    }

    /** Variable-length string of at most {@code max} bytes, decoded as UTF-8. */
    public String string(int max) {
        int n = count(max, 1, "opaque");
        need(n, "opaque");
        String text = TextCache.UTF8.text(buf, pos, n);
        pos += Math.min(padded(n), limit - pos);
        return text;
    }

    /** Hex of a view without moving it. */
    public static String hex(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(b.position(), bytes);
        return HEX.formatHex(bytes);
    }

    /** A new reader over the rest of this one's window, sharing the buffer. */
    public XdrReader rest() {
        return new XdrReader(buf, pos, limit);
    }

    /**
     * A reader over the next {@code n} bytes (at most what is left), sharing the buffer, with
     * offsets counted from its own start; this reader does not move.
     */
    public XdrReader window(int n) {
        return new XdrReader(buf, pos, pos + Math.min(Math.max(n, 0), limit - pos));
    }

    /** The rest of the window as a view. */
    public ByteBuffer restView() {
        return buf.slice(pos, limit - pos);
    }
}
