package org.nfslockscope.testing;

import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array written in a chosen byte order: the one primitive every test-capture encoder needs. */
final class BytesOut {
    private byte[] buf = new byte[64];
    private int len;
    private final ByteOrder order;

    BytesOut() {
        this(ByteOrder.BIG_ENDIAN);
    }

    BytesOut(ByteOrder order) {
        this.order = order;
    }

    int length() {
        return len;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        }
    }

    BytesOut u8(int v) {
        room(1);
        buf[len++] = (byte) v;
        return this;
    }

    BytesOut u16(int v) {
        return order == ByteOrder.BIG_ENDIAN ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
    }

    BytesOut u32(long v) {
        int i = (int) v;
        return order == ByteOrder.BIG_ENDIAN ? u16(i >>> 16).u16(i) : u16(i).u16(i >>> 16);
    }

    BytesOut u64(long v) {
        return order == ByteOrder.BIG_ENDIAN ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
    }

    BytesOut bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    BytesOut bytes(byte[] b, int from, int n) {
        room(n);
        System.arraycopy(b, from, buf, len, n);
        len += n;
        return this;
    }

    /** Zero bytes up to the next multiple of {@code align}. */
    BytesOut pad(int align) {
        while (len % align != 0) {
            u8(0);
        }
        return this;
    }

    /** Overwrites a 16-bit field already written, in this writer's byte order. */
    void put16(int at, int v) {
        int hi = order == ByteOrder.BIG_ENDIAN ? at : at + 1;
        buf[hi] = (byte) (v >>> 8);
        buf[order == ByteOrder.BIG_ENDIAN ? at + 1 : at] = (byte) v;
    }

    /** {@code n} bytes written so far, from {@code from}. */
    byte[] copy(int from, int n) {
        return Arrays.copyOfRange(buf, from, from + n);
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }
}
