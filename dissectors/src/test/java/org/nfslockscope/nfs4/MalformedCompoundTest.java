package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.testing.XdrWriter;
import org.nfslockscope.xdr.XdrReader;

/** Hostile and truncated bodies decode up to the damage, say where it is, and never throw. */
class MalformedCompoundTest {
    /** PUTFH, LOCK (new lock-owner), GETFH: the shape of a real 4.0 lock request. */
    private static byte[] lockCall() {
        return Wire.callHeader("st_zlockscope.py:_lock", 0, 3)
                .raw(Wire.op(22, w -> w.opaqueHex("4300000112446f8780aeffc2fc870111a016002af08830")))
                .raw(Wire.op(12, w -> Wire.owner(Wire.stateid(w.u32(2).bool(false).u64(0).u64(100).bool(true).u32(2),
                        2, Wire.OTHER).u32(0), 0x6b02c03000000009L, "6c6f636b6f776e65722d73696e676c65")))
                .raw(Wire.op(10, w -> { }))
                .bytes();
    }

    private static Compound decode(byte[] b, int length) {
        return Nfs4Decoder.compound(new XdrReader(ByteBuffer.wrap(Arrays.copyOf(b, length))));
    }

    @Test
    void truncatedAtEveryByteKeepsTheWholeOperationsBeforeTheCut() {
        byte[] full = lockCall();
        Compound whole = decode(full, full.length);
        assertNull(whole.damage());
        assertEquals(3, whole.ops().size());
        for (int len = 0; len < full.length; len++) {
            Compound c = decode(full, len);
            assertNotNull(c.damage(), "length " + len);
            assertEquals(whole.ops().subList(0, c.ops().size()), c.ops(), "length " + len);
            assertTrue(c.ops().size() < 3, "length " + len);
        }
    }

    @Test
    void truncatedReplyAtEveryByte() {
        XdrWriter w = new XdrWriter().u32(10010).string("tag").u32(2)
                .raw(Wire.status(22, 0))
                .raw(Wire.op(12, x -> Wire.owner(x.u32(10010).u64(0).u64(-1).u32(2), 9, "6f776e6572")));
        byte[] full = w.bytes();
        CompoundResult whole = Nfs4Decoder.compoundResult(new XdrReader(ByteBuffer.wrap(full)));
        assertNull(whole.damage());
        // The last three bytes pad the 5-byte owner; XdrReader forgives a cut in final padding.
        for (int len = 0; len < full.length; len++) {
            CompoundResult c = Nfs4Decoder.compoundResult(new XdrReader(ByteBuffer.wrap(Arrays.copyOf(full, len))));
            if (len >= full.length - 3) {
                assertEquals(whole, c, "length " + len);
                continue;
            }
            assertNotNull(c.damage(), "length " + len);
            assertEquals(whole.results().subList(0, c.results().size()), c.results(), "length " + len);
        }
    }

    @Test
    void opcodeOutOfRange() {
        for (int opcode : new int[] {0, 1, 2, 76, 10043, 10045, -1}) {
            Compound c = Wire.call(0, Wire.op(24, w -> { }), Wire.op(opcode, w -> { }), Wire.op(10, w -> { }));
            assertEquals(List.of(new PlainOp(24, false)), c.ops());
            assertEquals("unknown operation " + Integer.toUnsignedString(opcode), c.damage());
            CompoundResult r = Wire.reply(0, Wire.status(24, 0), Wire.status(opcode, 0));
            assertEquals(List.of(new PlainResult(24, false, 0)), r.results());
            assertEquals("unknown operation " + Integer.toUnsignedString(opcode), r.damage());
        }
    }

    @Test
    void stringLengthPastTheEnd() {
        Compound c = Wire.call(0, Wire.op(24, w -> { }), Wire.op(15, w -> w.u32(1000).fixedHex("61626364")));
        assertEquals(List.of(new PlainOp(24, false)), c.ops());
        assertTrue(c.damage().startsWith("LOOKUP (operation 1) is damaged"), c.damage());
        Compound tag = Nfs4Decoder.compound(new XdrReader(new XdrWriter().u32(0x7fffffff).u32(0).buffer()));
        assertEquals(new Compound(null, -1, List.of(), tag.damage()), tag);
        assertTrue(tag.damage().startsWith("compound header damaged"), tag.damage());
    }

    @Test
    void hugeOperationCountAllocatesNothing() {
        XdrWriter w = new XdrWriter().string("").u32(0).u32(0x80000000).raw(Wire.op(24, x -> { }));
        Compound c = Nfs4Decoder.compound(new XdrReader(w.buffer()));
        assertEquals(List.of(new PlainOp(24, false)), c.ops());
        assertEquals("operation list truncated after 1 of 2147483648", c.damage());
        XdrWriter r = new XdrWriter().u32(0).string("").u32(-1);
        CompoundResult res = Nfs4Decoder.compoundResult(new XdrReader(r.buffer()));
        assertEquals(List.of(), res.results());
        assertNotNull(res.damage());
    }

    @Test
    void hostileCountsInsideOperations() {
        // TEST_STATEID with 2^31 stateids, a bitmap of 2^30 words, a READDIR that never ends.
        assertNotNull(Wire.call(1, Wire.op(55, w -> w.u32(0x80000000))).damage());
        assertNotNull(Wire.call(0, Wire.op(9, w -> w.u32(0x40000000))).damage());
        assertNotNull(Wire.reply(0, Wire.op(26, w -> w.u32(0).fixedHex("0001020304050607").bool(true))).damage());
        assertNotNull(Wire.call(0, Wire.op(12, w -> w.u32(2).u32(7))).damage(), "bool of 7");
        assertNotNull(Wire.call(0, Wire.op(18, w -> Wire.owner(w.u32(0).u32(1).u32(0), 1, "").u32(0).u32(9))).damage(),
                "claim 9");
    }

    @Test
    void randomBytesNeverThrow() {
        java.util.Random random = new java.util.Random(4);
        byte[] real = lockCall();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = real.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt();
            }
            XdrReader r = new XdrReader(ByteBuffer.wrap(b));
            assertNotNull(Nfs4Decoder.compound(r));
            assertNotNull(Nfs4Decoder.compoundResult(new XdrReader(ByteBuffer.wrap(b))));
            assertNotNull(Nfs4Decoder.cbCompound(new XdrReader(ByteBuffer.wrap(b))));
            assertNotNull(Nfs4Decoder.cbCompoundResult(new XdrReader(ByteBuffer.wrap(b))));
        }
    }
}
