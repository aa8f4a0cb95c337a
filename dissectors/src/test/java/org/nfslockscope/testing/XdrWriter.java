package org.nfslockscope.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds XDR (RFC 4506) by hand for decoder tests: big-endian words, opaques padded to four bytes. */
public final class XdrWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public XdrWriter u32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public XdrWriter u64(long v) {
        return u32((int) (v >>> 32)).u32((int) v);
    }

    public XdrWriter bool(boolean b) {
        return u32(b ? 1 : 0);
    }

    /** Fixed-length opaque: the bytes and their padding, no length. */
    public XdrWriter fixed(byte[] b) {
        out.writeBytes(b);
        for (int i = b.length; i % 4 != 0; i++) {
            out.write(0);
        }
        return this;
    }

    /** Fixed-length opaque given as hex. */
    public XdrWriter fixedHex(String hex) {
        return fixed(HexFormat.of().parseHex(hex));
    }

    /** Variable-length opaque: length, bytes, padding. */
    public XdrWriter opaque(byte[] b) {
        return u32(b.length).fixed(b);
    }

    public XdrWriter opaqueHex(String hex) {
        return opaque(HexFormat.of().parseHex(hex));
    }

    public XdrWriter string(String s) {
        return opaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes already in XDR form. */
    public XdrWriter raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes());
    }
}
