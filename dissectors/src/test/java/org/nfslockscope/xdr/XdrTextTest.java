package org.nfslockscope.xdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Hex and string opaques go through a shared cache; what they return must be exactly the text of
 * the bytes at hand, whether the buffer is on the heap, direct or read-only, and whatever sat in
 * the cache before.
 */
class XdrTextTest {
    private static ByteBuffer opaques(ByteBuffer b, byte[]... items) {
        for (byte[] item : items) {
            b.putInt(item.length).put(item);
            for (int pad = item.length; pad % 4 != 0; pad++) {
                b.put((byte) 0);
            }
        }
        return b.flip();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    @Test
    void hexIsTheTextOfTheBytesOnEveryKindOfBuffer() {
        byte[] sessionid = bytes(16, 1);
        byte[] handle = bytes(28, 2);
        byte[] big = bytes(200, 3); // longer than the cache takes
        for (ByteBuffer b : new ByteBuffer[] {ByteBuffer.allocate(512), ByteBuffer.allocateDirect(512)}) {
            ByteBuffer data = opaques(b, sessionid, handle, big, sessionid);
            for (ByteBuffer view : new ByteBuffer[] {data.duplicate(), data.asReadOnlyBuffer()}) {
                XdrReader x = new XdrReader(view);
                String first = x.hexOpaque(1024);
                assertEquals(HexFormat.of().formatHex(sessionid), first);
                assertEquals(HexFormat.of().formatHex(handle), x.hexOpaque(1024));
                assertEquals(HexFormat.of().formatHex(big), x.hexOpaque(1024));
                assertEquals(first, x.hexOpaque(1024));
                assertEquals(0, x.remaining());
            }
        }
    }

    @Test
    void aRepeatedValueIsSharedAndADifferentOneIsNot() {
        byte[] a = bytes(12, 4);
        byte[] b = a.clone();
        b[11] ^= 1;
        XdrReader x = new XdrReader(opaques(ByteBuffer.allocate(128), a, a, b));
        String first = x.hexOpaque(64);
        assertSame(first, x.hexOpaque(64));
        String other = x.hexOpaque(64);
        assertNotSame(first, other);
        assertEquals(HexFormat.of().formatHex(b), other);
    }

    @Test
    void stringsDecodeUtf8AndEmptyOnesWork() {
        byte[] name = "clïent-α".getBytes(StandardCharsets.UTF_8);
        XdrReader x = new XdrReader(opaques(ByteBuffer.allocate(64), name, new byte[0], name));
        assertEquals("clïent-α", x.string(255));
        assertEquals("", x.string(255));
        assertEquals("clïent-α", x.string(255));
    }

    @Test
    void aLengthBeyondTheDataStillFailsAsBefore() {
        ByteBuffer b = ByteBuffer.allocate(12).putInt(100).putInt(1).putInt(2).flip();
        XdrException e = assertThrows(XdrException.class, () -> new XdrReader(b).hexOpaque(1024));
        assertEquals(0, e.offset());
        XdrReader fixed = new XdrReader(ByteBuffer.allocate(8));
        assertThrows(XdrException.class, () -> fixed.hexFixed(16));
    }
    @Test
    void valuesThatDifferOnlyInLengthOrInTheirLastByteAreTold() {
        // Zero bytes at the end, and differences beyond the first 16 bytes or in the last one,
        // for every length the cache takes: each must come back as its own text.
        for (int n = 1; n <= TextCache.MAX_BYTES; n++) {
            byte[] a = bytes(n, n);
            byte[] longer = Arrays.copyOf(a, n + 1);
            byte[] shorter = Arrays.copyOf(a, n - 1);
            byte[] last = a.clone();
            last[n - 1] ^= (byte) 0x80;
            ByteBuffer b = opaques(ByteBuffer.allocate(6 * (n + 8)), a, longer, a, shorter, last, a);
            XdrReader x = new XdrReader(b);
            for (byte[] expected : new byte[][] {a, longer, a, shorter, last, a}) {
                assertEquals(HexFormat.of().formatHex(expected), x.hexOpaque(1024), "length " + n);
            }
        }
    }
}
