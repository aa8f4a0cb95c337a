package org.nfslockscope.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfslockscope.rpc.Programs;

/** Hostile and truncated NLM bodies: a partial result with damage set, never an exception. */
class NlmMalformedTest {
    private static final String COOKIE = "0102030405";

    /** Every proper prefix of {@code full} decodes to a damaged, non-null message. */
    private static void everyTruncationIsDamage(byte[] full, Function<byte[], NlmMessage> decode) {
        assertNull(decode.apply(full).damage(), "the untruncated body decodes cleanly");
        for (int n = 0; n < full.length; n++) {
            NlmMessage m = decode.apply(Arrays.copyOf(full, n));
            assertNotNull(m, "cut at " + n);
            assertNotNull(m.damage(), "cut at " + n);
            assertNotNull(m.body(), "cut at " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void truncatedArguments(int v) {
        boolean nlm4 = v == 4;
        NlmLock lock = NlmDecoderTest.lock(v);
        everyTruncationIsDamage(new NlmXdr().hex(COOKIE).bool(true).bool(false).lock(nlm4, lock).bool(true).u32(3).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.LOCK, b));
        everyTruncationIsDamage(new NlmXdr().hex(COOKIE).bool(false).bool(true).lock(nlm4, lock).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.CANCEL_MSG, b));
        everyTruncationIsDamage(new NlmXdr().hex(COOKIE).bool(true).lock(nlm4, lock).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.GRANTED_MSG, b));
        everyTruncationIsDamage(new NlmXdr().hex(COOKIE).lock(nlm4, lock).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.UNLOCK, b));
        everyTruncationIsDamage(new NlmXdr().hex(COOKIE).u32(0).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.GRANTED_RES, b));
        everyTruncationIsDamage(new NlmXdr().string("host").u32(3).fixed(new byte[16]).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.NSM_NOTIFY, b));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void truncatedShareAndFreeAll(int v) {
        everyTruncationIsDamage(new NlmXdr().hex(COOKIE).string("h").hex("aa").hex("bb").u32(1).u32(2).bool(true).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.SHARE, b));
        everyTruncationIsDamage(new NlmXdr().hex(COOKIE).u32(0).u32(1).bytes(),
                b -> NlmDecoderTest.decodeReply(v, NlmProc.UNSHARE, b));
        everyTruncationIsDamage(new NlmXdr().string("h").u32(1).bytes(),
                b -> NlmDecoderTest.decodeCall(v, NlmProc.FREE_ALL, b));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void truncatedTestResult(int v) {
        boolean nlm4 = v == 4;
        byte[] denied = new NlmXdr().hex(COOKIE).u32(1).bool(true).u32(9).hex("abcdef").offset(nlm4, 1).offset(nlm4, 2).bytes();
        everyTruncationIsDamage(denied, b -> NlmDecoderTest.decodeReply(v, NlmProc.TEST, b));
        everyTruncationIsDamage(denied, b -> NlmDecoderTest.decodeCall(v, NlmProc.TEST_RES, b));
    }

    @Test
    void whatCameBeforeTheDamageIsKept() {
        byte[] full = new NlmXdr().hex(COOKIE).bool(true).bool(true).lock(true, NlmDecoderTest.lock(4)).bool(false).u32(1).bytes();
        NlmMessage m = NlmDecoderTest.decodeCall(4, NlmProc.LOCK, Arrays.copyOf(full, full.length - 14));
        LockArgs args = (LockArgs) m.body();
        assertEquals(COOKIE, args.cookieHex());
        assertTrue(args.block() && args.exclusive());
        assertEquals(NlmDecoderTest.lock(4).callerName(), args.lock().callerName());
        assertEquals(100, args.lock().svid());
        assertEquals(0x1_0000_0000L, args.lock().offset());
        assertTrue(m.damage().contains("l_len"), m.damage());
    }

    @Test
    void cookieLengthPastTheEnd() {
        byte[] body = new NlmXdr().u32(1000).u32(1).u32(2).bytes();
        NlmMessage m = NlmDecoderTest.decodeCall(4, NlmProc.TEST, body);
        assertNull(((TestArgs) m.body()).cookieHex());
        assertTrue(m.damage().startsWith("cookie"), m.damage());
    }

    @Test
    void giantCountsAreRefusedBeforeAllocating() {
        // More than MAXNETOBJ_SZ, with the bytes present: refused by the bound, not by running out.
        byte[] oversized = new NlmXdr().opaque(new byte[2000]).u32(0).bytes();
        assertTrue(NlmDecoderTest.decodeReply(4, NlmProc.LOCK, oversized).damage().contains("exceeds 1024"));
        byte[] huge = new NlmXdr().u32(0xfffffff0L).bytes();
        assertNotNull(NlmDecoderTest.decodeCall(4, NlmProc.FREE_ALL, huge).damage());
        byte[] hugeName = new NlmXdr().hex(COOKIE).bool(false).u32(0x7fffffff).bytes();
        assertTrue(NlmDecoderTest.decodeCall(1, NlmProc.TEST, hugeName).damage().startsWith("caller_name"));
    }

    @Test
    void badBoolIsDamage() {
        byte[] body = new NlmXdr().hex(COOKIE).u32(2).bytes();
        NlmMessage m = NlmDecoderTest.decodeCall(4, NlmProc.TEST, body);
        assertTrue(m.damage().startsWith("exclusive"), m.damage());
    }

    @Test
    void randomBytesNeverThrow() {
        RandomBodies.decodeAndDescribe(Programs.NLM, new int[] {1, 2, 3, 4}, 26, 20261123, 20_000);
    }
}
