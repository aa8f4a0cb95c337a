package org.nfslockscope.bench.gen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable XDR encoder (RFC 4506) into a growable array; {@link #reset()} starts the next
 * message. The first four bytes are kept for the TCP record mark, so that a message goes on the
 * wire from one array without a copy: from offset 0 on TCP, from offset 4 on UDP.
 */
public final class Xdr {
    static final int MARK = 4;

    private byte[] b = new byte[512];
    private int n = MARK;

    public Xdr reset() {
        n = MARK;
        return this;
    }

    /** Writes the record mark of a single, last fragment holding the message. */
    void markLastFragment() {
        int len = n - MARK;
        b[0] = (byte) (0x80 | (len >>> 24));
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
    }

    public byte[] array() {
        return b;
    }

    /** Bytes written including the mark's four. */
    public int length() {
        return n;
    }

    private void room(int k) {
        if (n + k > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, n + k));
        }
    }

    public Xdr u32(int v) {
        room(4);
        b[n] = (byte) (v >>> 24);
        b[n + 1] = (byte) (v >>> 16);
        b[n + 2] = (byte) (v >>> 8);
        b[n + 3] = (byte) v;
        n += 4;
        return this;
    }

    public Xdr u64(long v) {
        return u32((int) (v >>> 32)).u32((int) v);
    }

    public Xdr bool(boolean v) {
        return u32(v ? 1 : 0);
    }

    /** Fixed-length opaque: the bytes and their padding, no length. */
    public Xdr fixed(byte[] v) {
        return fixed(v, v.length);
    }

    /** The first {@code len} bytes of {@code v}, padded; beyond v's end the bytes are zero. */
    public Xdr fixed(byte[] v, int len) {
        int padded = (len + 3) & ~3;
        room(padded);
        System.arraycopy(v, 0, b, n, Math.min(len, v.length));
        Arrays.fill(b, n + Math.min(len, v.length), n + padded, (byte) 0);
        n += padded;
        return this;
    }

    public Xdr opaque(byte[] v) {
        return u32(v.length).fixed(v);
    }

    /** Variable-length opaque of {@code len} bytes taken from {@code pattern}, repeated as needed. */
    public Xdr opaqueFilled(byte[] pattern, int len) {
        u32(len);
        int padded = (len + 3) & ~3;
        room(padded);
        for (int i = 0; i < len; i += pattern.length) {
            System.arraycopy(pattern, 0, b, n + i, Math.min(pattern.length, len - i));
        }
        Arrays.fill(b, n + len, n + padded, (byte) 0);
        n += padded;
        return this;
    }

    public Xdr string(String s) {
        return opaque(s.getBytes(StandardCharsets.UTF_8));
    }
}
