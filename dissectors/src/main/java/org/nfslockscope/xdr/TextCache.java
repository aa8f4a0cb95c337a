package org.nfslockscope.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares the text of short opaques that repeat from message to message: a capture names the same
 * few sessions, file handles, stateids and machine names hundreds of thousands of times, and each
 * one used to cost a copy, a view and a new string. The table is direct-mapped and small, so a
 * miss just replaces the slot and memory stays fixed however many distinct values a capture holds.
 * Entries are immutable (final fields), so a reader on another thread sees either the old or the
 * new entry whole; the worst a race can do is a miss.
 */
final class TextCache {
    /** Longer opaques are rarely repeated and costly to compare; they bypass the cache. */
    static final int MAX_BYTES = 128;
    private static final int SLOTS = 1 << 12;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private record Entry(byte[] raw, String text) {
    }

    private final Entry[] slots = new Entry[SLOTS];
    /**
     * The hash of each slot's bytes, beside the slots: a lookup that misses (a value seen once,
     * such as an NLM cookie) is told apart here without reaching the entry and its bytes, which
     * lie elsewhere in the heap. A racing reader may see a hash and an entry that do not belong
     * together; the bytes are still compared, so that costs at most a miss.
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
        if (n > MAX_BYTES) {
            return make(copy(buf, at, n));
        }
        if (buf.hasArray()) {
            return text(buf.array(), buf.arrayOffset() + at, n);
        }
        int h = n;
        for (int i = 0; i < n; i++) {
            h = 31 * h + buf.get(at + i);
        }
        int slot = (h * 0x9e3779b1 >>> 20) & (SLOTS - 1);
        if (hashes[slot] == h) {
            Entry e = slots[slot];
            if (e != null && same(e.raw, buf, at, n)) {
                return e.text;
            }
        }
        byte[] raw = copy(buf, at, n);
        String text = make(raw);
        slots[slot] = new Entry(raw, text);
        hashes[slot] = h;
        return text;
    }

    /** The same on the array behind a heap buffer, where comparing and copying are single calls. */
    private String text(byte[] a, int from, int n) {
        int h = n;
        for (int i = from; i < from + n; i++) {
            h = 31 * h + a[i];
        }
        int slot = (h * 0x9e3779b1 >>> 20) & (SLOTS - 1);
        if (hashes[slot] == h) {
            Entry e = slots[slot];
            if (e != null && Arrays.equals(e.raw, 0, e.raw.length, a, from, from + n)) {
                return e.text;
            }
        }
        byte[] raw = Arrays.copyOfRange(a, from, from + n);
        String text = make(raw);
        slots[slot] = new Entry(raw, text);
        hashes[slot] = h;
        return text;
    }

    private String make(byte[] raw) {
        if (!hex) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        byte[] digits = new byte[raw.length * 2];
        for (int i = 0; i < raw.length; i++) {
            digits[2 * i] = HEX_DIGITS[(raw[i] >> 4) & 0xf];
            digits[2 * i + 1] = HEX_DIGITS[raw[i] & 0xf];
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    private static byte[] copy(ByteBuffer buf, int at, int n) {
        byte[] raw = new byte[n];
        buf.get(at, raw);
        return raw;
    }

    private static boolean same(byte[] raw, ByteBuffer buf, int at, int n) {
        if (raw.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (raw[i] != buf.get(at + i)) {
                return false;
            }
        }
        return true;
    }
}
