package org.nfslockscope.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;

/** Every NLM procedure's arguments and results, written by hand and decoded back, in 32- and 64-bit versions. */
class NlmDecoderTest {
    private static final String COOKIE = "000000013132372e";
    private static final String FH = "4300000112446f8780aeffc2";
    private static final String OH = "31303040686f737441";

    static NlmLock lock(int version) {
        // Offsets above 2^31 (v1) and above 2^32 (v4) check that nothing is read as signed or narrowed.
        return version == 4
                ? new NlmLock("client-a", FH, OH, 100, 0x1_0000_0000L, -1L)
                : new NlmLock("client-a", FH, OH, 100, 0xfffffff0L, 100);
    }

    static NlmMessage decodeCall(int version, int procedure, byte[] body) {
        return (NlmMessage) Decoders.standard().decode(RpcEvents.call(Programs.NLM, version, procedure, body));
    }

    static NlmMessage decodeReply(int version, int procedure, byte[] body) {
        RpcEvent call = RpcEvents.call(Programs.NLM, version, procedure, new byte[0]);
        return (NlmMessage) Decoders.standard().decode(RpcEvents.reply(call, body));
    }

    private static NlmBody clean(NlmMessage m) {
        assertNull(m.damage(), "damage");
        return m.body();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void testArgsForTestAndGrantedProcedures(int v) {
        boolean nlm4 = v == 4;
        byte[] body = new NlmXdr().hex(COOKIE).bool(true).lock(nlm4, lock(v)).bytes();
        for (int proc : List.of(NlmProc.TEST, NlmProc.TEST_MSG, NlmProc.GRANTED, NlmProc.GRANTED_MSG)) {
            assertEquals(new TestArgs(COOKIE, true, lock(v)), clean(decodeCall(v, proc, body)), "proc " + proc);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void lockArgs(int v) {
        boolean nlm4 = v == 4;
        byte[] body = new NlmXdr().hex(COOKIE).bool(true).bool(false).lock(nlm4, lock(v)).bool(true).u32(3).bytes();
        LockArgs expected = new LockArgs(COOKIE, true, false, lock(v), true, 3);
        assertEquals(expected, clean(decodeCall(v, NlmProc.LOCK, body)));
        assertEquals(expected, clean(decodeCall(v, NlmProc.LOCK_MSG, body)));
        if (v >= 3) {
            assertEquals(expected, clean(decodeCall(v, NlmProc.NM_LOCK, body)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void cancelAndUnlockArgs(int v) {
        boolean nlm4 = v == 4;
        byte[] cancel = new NlmXdr().hex(COOKIE).bool(true).bool(true).lock(nlm4, lock(v)).bytes();
        for (int proc : List.of(NlmProc.CANCEL, NlmProc.CANCEL_MSG)) {
            assertEquals(new CancelArgs(COOKIE, true, true, lock(v)), clean(decodeCall(v, proc, cancel)));
        }
        byte[] unlock = new NlmXdr().hex(COOKIE).lock(nlm4, lock(v)).bytes();
        for (int proc : List.of(NlmProc.UNLOCK, NlmProc.UNLOCK_MSG)) {
            assertEquals(new UnlockArgs(COOKIE, lock(v)), clean(decodeCall(v, proc, unlock)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void resProceduresCarryResultsAsArguments(int v) {
        byte[] res = new NlmXdr().hex(COOKIE).u32(3).bytes();
        for (int proc : List.of(NlmProc.LOCK_RES, NlmProc.CANCEL_RES, NlmProc.UNLOCK_RES, NlmProc.GRANTED_RES)) {
            assertEquals(new Res(COOKIE, 3), clean(decodeCall(v, proc, res)));
        }
        Holder holder = new Holder(true, 200, OH, 5, 10);
        byte[] denied = new NlmXdr().hex(COOKIE).u32(1).bool(true).u32(200).hex(OH)
                .offset(v == 4, 5).offset(v == 4, 10).bytes();
        assertEquals(new TestRes(COOKIE, 1, holder), clean(decodeCall(v, NlmProc.TEST_RES, denied)));
        byte[] granted = new NlmXdr().hex(COOKIE).u32(0).bytes();
        assertEquals(new TestRes(COOKIE, 0, null), clean(decodeCall(v, NlmProc.TEST_RES, granted)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4})
    void linuxNsmNotify(int v) {
        String priv = "0102030405060708090a0b0c0d0e0f10";
        byte[] body = new NlmXdr().string("client-b").u32(5).fixed(java.util.HexFormat.of().parseHex(priv)).bytes();
        assertEquals(new NsmNotify("client-b", 5, priv), clean(decodeCall(v, NlmProc.NSM_NOTIFY, body)));
        assertNull(decodeReply(v, NlmProc.NSM_NOTIFY, new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void shareUnshareAndFreeAll(int v) {
        Share share = new Share("client-a", FH, OH, 2, 3);
        byte[] args = new NlmXdr().hex(COOKIE).string("client-a").hex(FH).hex(OH).u32(2).u32(3).bool(false).bytes();
        byte[] res = new NlmXdr().hex(COOKIE).u32(0).u32(9).bytes();
        for (int proc : List.of(NlmProc.SHARE, NlmProc.UNSHARE)) {
            assertEquals(new ShareArgs(COOKIE, share, false), clean(decodeCall(v, proc, args)));
            assertEquals(new ShareRes(COOKIE, 0, 9), clean(decodeReply(v, proc, res)));
        }
        byte[] notify = new NlmXdr().string("client-a").u32(7).bytes();
        assertEquals(new Notify("client-a", 7), clean(decodeCall(v, NlmProc.FREE_ALL, notify)));
        assertNull(decodeReply(v, NlmProc.FREE_ALL, new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void results(int v) {
        byte[] res = new NlmXdr().hex(COOKIE).u32(4).bytes();
        for (int proc : List.of(NlmProc.LOCK, NlmProc.CANCEL, NlmProc.UNLOCK, NlmProc.GRANTED)) {
            assertEquals(new Res(COOKIE, 4), clean(decodeReply(v, proc, res)));
        }
        if (v >= 3) {
            assertEquals(new Res(COOKIE, 4), clean(decodeReply(v, NlmProc.NM_LOCK, res)));
        }
        byte[] denied = new NlmXdr().hex(COOKIE).u32(1).bool(false).u32(42).hex(OH)
                .offset(v == 4, 0).offset(v == 4, 0).bytes();
        assertEquals(new TestRes(COOKIE, 1, new Holder(false, 42, OH, 0, 0)), clean(decodeReply(v, NlmProc.TEST, denied)));
        byte[] blocked = new NlmXdr().hex(COOKIE).u32(3).bytes();
        assertEquals(new TestRes(COOKIE, 3, null), clean(decodeReply(v, NlmProc.TEST, blocked)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void voidBodiesDecodeToNothing(int v) {
        assertNull(decodeCall(v, NlmProc.NULL, new byte[0]));
        for (int proc = NlmProc.NULL; proc <= NlmProc.GRANTED_RES; proc++) {
            if (proc == NlmProc.NULL || proc >= NlmProc.TEST_MSG) {
                assertNull(decodeReply(v, proc, new byte[0]), "reply to proc " + proc);
            }
        }
    }

    @Test
    void repliesWithoutResultsAreNotDecoded() {
        RpcEvent call = RpcEvents.call(Programs.NLM, 4, NlmProc.LOCK, new byte[0]);
        assertNull(Decoders.standard().decode(RpcEvents.reply(call, 3, new byte[0])), "PROC_UNAVAIL");
    }

    @Test
    void undefinedProceduresAreDamage() {
        NlmMessage m = decodeCall(4, 17, new byte[0]);
        assertTrue(m.damage().contains("17"), m.damage());
        NlmMessage share = decodeCall(1, NlmProc.SHARE, new byte[8]);
        assertTrue(share.damage().contains("NLMv1"), share.damage());
        assertTrue(decodeReply(2, NlmProc.FREE_ALL, new byte[0]).damage().contains("NLMv2"));
    }

    @Test
    void describeLockCallKeepsTheDumpContract() {
        byte[] body = new NlmXdr().hex(COOKIE).bool(true).bool(true).lock(true, lock(4)).bool(false).u32(3).bytes();
        assertEquals("\"nlm\": {\"cookie\": \"" + COOKIE + "\", \"block\": true, \"exclusive\": true, "
                + "\"reclaim\": false, \"state\": 3, \"callerName\": \"client-a\", \"fh\": \"" + FH + "\", "
                + "\"oh\": \"" + OH + "\", \"svid\": 100, \"offset\": 4294967296, "
                + "\"length\": \"18446744073709551615\"}", JsonFields.of(decodeCall(4, NlmProc.LOCK, body)));
    }

    @Test
    void describeTestResultWithHolder() {
        byte[] denied = new NlmXdr().hex(COOKIE).u32(1).bool(true).u32(100).hex(OH).u64(0).u64(100).bytes();
        assertEquals("\"nlm\": {\"cookie\": \"" + COOKIE + "\", \"stat\": \"NLM4_DENIED\", \"statCode\": 1, "
                + "\"holder\": {\"exclusive\": true, \"svid\": 100, \"oh\": \"" + OH + "\", \"offset\": 0, "
                + "\"length\": 100}}", JsonFields.of(decodeReply(4, NlmProc.TEST, denied)));
    }

    @Test
    void statusNamesFollowTheVersion() {
        assertEquals("NLM4_BLOCKED", NlmStat.name(4, 3));
        assertEquals("NLM4_FAILED", NlmStat.name(4, 9));
        assertEquals("LCK_BLOCKED", NlmStat.name(1, 3));
        assertEquals("LCK_DENIED_GRACE_PERIOD", NlmStat.name(3, 4));
        assertEquals("7", NlmStat.name(1, 7));
        assertEquals("4294967295", NlmStat.name(4, -1));
        DecodedBody v1 = decodeReply(1, NlmProc.LOCK, new NlmXdr().hex(COOKIE).u32(0).bytes());
        assertEquals("\"nlm\": {\"cookie\": \"" + COOKIE + "\", \"stat\": \"LCK_GRANTED\", \"statCode\": 0}",
                JsonFields.of(v1));
        assertInstanceOf(NlmResult.class, ((NlmMessage) v1).body());
    }
}
