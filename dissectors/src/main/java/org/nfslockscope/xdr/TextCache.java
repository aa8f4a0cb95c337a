package org.nfslockscope.xdr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares the text of short opaques that repeat from message to message: a capture names the same
 * few sessions, file handles, stateids and machine names hundreds of thousands of times, and each
 * one used to cost a copy, a view and a new string. The table is small (two ways per set), so a
 * miss just replaces the slot and memory stays fixed however many distinct values a capture holds.
 * Entries are immutable (final fields), so a reader on another thread sees either the old or the
 * new entry whole; the worst a race can do is a miss. One instance of each kind serves every
 * thread (the RPC stage reads machine names through it while the lock view decodes bodies).
 */
final class TextCache {
    /** Longer opaques are rarely repeated and costly to compare; they bypass the cache. */
    static final int MAX_BYTES = 128;
    /**
     * The leading bytes an entry holds in four words of its own: a sessionid (16 bytes), a
     * stateid's other part (12), a verifier (8) or a Linux file handle (28) is compared without
     * reaching a separate array, which on a large capture is usually not in the processor's caches.
     */
    private static final int INLINE_BYTES = 32;
    private static final int SLOT_BITS = 12;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * One value: its length, its first 32 bytes as four little-endian words (zero beyond the
     * length), the bytes after those (null when there are none) and its text. Two values are
     * equal exactly when all these parts are.
     */
    private record Entry(int length, long w0, long w1, long w2, long w3, byte[] tail, String text) {
    }

    private final Entry[] slots = new Entry[SLOTS];
    /**
     * The hash of each slot's bytes, beside the slots (a set's two in one cache line): a lookup that misses (a value seen once,
     * such as an NLM cookie) is told apart here without reaching the entry, which lies elsewhere
     * in the heap. A racing reader may see a hash and an entry that do not belong together; the
     * bytes are still compared, so that costs at most a miss.
     */
    private final int[] hashes = new int[SLOTS];
    private final boolean hex;

    private TextCache(boolean hex) {
        this.hex = hex;
    }

    static final TextCache HEX = new TextCache(true);
    static final TextCache UTF8 = new TextCache(false);

    /** The text of {@code n} bytes of {@code buf} at {@code at} (absolute; the buffer is not moved). */
    String text(ByteBuffer buf, int at, int n) {
        if (!buf.hasArray()) {
            // Direct and read-only buffers (tests, never the pipeline): through a copy.
            byte[] raw = new byte[n];
            buf.get(at, raw);
            return text(raw, 0, n);
        }
        return text(buf.array(), buf.arrayOffset() + at, n);
    }

    private String text(byte[] a, int from, int n) {
        if (n == 0) {
            return ""; // an empty COMPOUND tag, on nearly every NFSv4 message
        }
        if (n > MAX_BYTES) {
            return make(a, from, n);
        }
        int end = from + n;
        long w0 = word(a, from, end);
        long w1 = word(a, from + 8, end);
        long w2 = word(a, from + 16, end);
        long w3 = word(a, from + 24, end);
        // A word at a time: the bytes' order is kept by the multiplications between words.
        long x = ((n ^ w0) * 0x9E3779B97F4A7C15L ^ w1) * 0xC2B2AE3D27D4EB4FL;
        x = ((x ^ w2) * 0x9E3779B97F4A7C15L ^ w3) * 0xC2B2AE3D27D4EB4FL;
        for (int i = from + INLINE_BYTES; i < end; i += 8) {
            x = (x ^ word(a, i, end)) * 0xC2B2AE3D27D4EB4FL;
        }
        x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        int h = (int) (x ^ (x >>> 32));
        // Two ways per set: two values of one capture that share a set (a few among a hundred
        // do) would otherwise evict each other on every use and make a new text each time.
        int first = (h >>> (32 - SLOT_BITS)) & ~1;
        for (int slot = first; slot <= first + 1; slot++) {
            if (hashes[slot] == h) {
                Entry e = slots[slot];
                if (e != null && same(e, a, from, n, w0, w1, w2, w3)) {
                    return e.text;
                }
            }
        }
        byte[] tail = n > INLINE_BYTES ? Arrays.copyOfRange(a, from + INLINE_BYTES, end) : null;
        String text = make(a, from, n);
        // The newest value takes the first way, the one it held moves to the second.
        slots[first + 1] = slots[first];
        hashes[first + 1] = hashes[first];
        slots[first] = new Entry(n, w0, w1, w2, w3, tail, text);
        hashes[first] = h;
        return text;
    }

    private static boolean same(Entry e, byte[] a, int from, int n, long w0, long w1, long w2, long w3) {
        return e.length == n && e.w0 == w0 && e.w1 == w1 && e.w2 == w2 && e.w3 == w3
                && (n <= INLINE_BYTES || Arrays.equals(e.tail, 0, e.tail.length, a, from + INLINE_BYTES, from + n));
    }

    /** Up to eight bytes from {@code i} (before {@code end}) as a little-endian word, zero-filled. */
    private static long word(byte[] a, int i, int end) {
        int left = end - i;
        if (left >= 8) {
            return (long) LONGS.get(a, i);
        }
        if (left <= 0) {
            return 0;
        }
        // XDR lengths are mostly multiples of four: a last half word is read in one go.
        int whole = left >= 4 ? 4 : 0;
        long w = 0;
        for (int k = end - 1; k >= i + whole; k--) {
            w = w << 8 | (a[k] & 0xff);
        }
        if (whole == 4) {
            w = w << 32 | ((int) INTS.get(a, i) & 0xFFFFFFFFL);
        }
        return w;
    }

    private String make(byte[] a, int from, int n) {
        if (!hex) {
            return new String(a, from, n, StandardCharsets.UTF_8);
        }
        byte[] digits = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            byte b = a[from + i];
            digits[2 * i] = HEX_DIGITS[(b >> 4) & 0xf];
            digits[2 * i + 1] = HEX_DIGITS[b & 0xf];
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }
}
