package org.nfslockscope.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.nlm.JsonFields;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.nlm.RandomBodies;
import org.nfslockscope.nlm.RpcEvents;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;

/** Every NSM procedure's arguments and results, written by hand and decoded back; damaged bodies. */
class NsmDecoderTest {
    private static final String PRIV = "000102030405060708090a0b0c0d0e0f";
    private static final MyId ME = new MyId("server", 100021, 4, 16);

    private static NsmMessage call(int procedure, byte[] body) {
        return (NsmMessage) Decoders.standard().decode(RpcEvents.call(Programs.NSM, 1, procedure, body));
    }

    private static NsmMessage reply(int procedure, byte[] body) {
        RpcEvent c = RpcEvents.call(Programs.NSM, 1, procedure, new byte[0]);
        return (NsmMessage) Decoders.standard().decode(RpcEvents.reply(c, body));
    }

    private static NlmXdr myId(NlmXdr x) {
        return x.string(ME.myName()).u32(ME.myProg()).u32(ME.myVers()).u32(ME.myProc());
    }

    private static NsmBody clean(NsmMessage m) {
        assertNull(m.damage());
        return m.body();
    }

    @Test
    void arguments() {
        assertEquals(new SmName("client-a"), clean(call(NsmProc.SM_STAT, new NlmXdr().string("client-a").bytes())));
        byte[] mon = myId(new NlmXdr().string("127.0.0.3")).fixed(HexFormat.of().parseHex(PRIV)).bytes();
        assertEquals(new Mon(new MonId("127.0.0.3", ME), PRIV), clean(call(NsmProc.SM_MON, mon)));
        byte[] unmon = myId(new NlmXdr().string("127.0.0.3")).bytes();
        assertEquals(new MonId("127.0.0.3", ME), clean(call(NsmProc.SM_UNMON, unmon)));
        assertEquals(ME, clean(call(NsmProc.SM_UNMON_ALL, myId(new NlmXdr()).bytes())));
        assertEquals(new StatChge("client-b", 7), clean(call(NsmProc.SM_NOTIFY, new NlmXdr().string("client-b").u32(7).bytes())));
        assertNull(call(NsmProc.SM_NULL, new byte[0]));
        assertNull(call(NsmProc.SM_SIMU_CRASH, new byte[0]));
    }

    @Test
    void results() {
        byte[] statRes = new NlmXdr().u32(1).u32(3).bytes();
        assertEquals(new SmStatRes(SmStatRes.STAT_FAIL, 3), clean(reply(NsmProc.SM_STAT, statRes)));
        assertEquals(new SmStatRes(SmStatRes.STAT_FAIL, 3), clean(reply(NsmProc.SM_MON, statRes)));
        assertEquals(new SmStat(5), clean(reply(NsmProc.SM_UNMON, new NlmXdr().u32(5).bytes())));
        assertEquals(new SmStat(5), clean(reply(NsmProc.SM_UNMON_ALL, new NlmXdr().u32(5).bytes())));
        for (int proc : new int[] {NsmProc.SM_NULL, NsmProc.SM_SIMU_CRASH, NsmProc.SM_NOTIFY}) {
            assertNull(reply(proc, new byte[0]));
        }
    }

    @Test
    void describeKeepsTheDumpContract() {
        byte[] mon = myId(new NlmXdr().string("127.0.0.3")).fixed(HexFormat.of().parseHex(PRIV)).bytes();
        assertEquals("\"nsm\": {\"monName\": \"127.0.0.3\", \"myName\": \"server\", \"myProg\": 100021, "
                + "\"myVers\": 4, \"myProc\": 16, \"priv\": \"" + PRIV + "\"}", JsonFields.of(call(NsmProc.SM_MON, mon)));
        assertEquals("\"nsm\": {\"state\": 3, \"resStat\": \"STAT_SUCC\"}",
                JsonFields.of(reply(NsmProc.SM_MON, new NlmXdr().u32(0).u32(3).bytes())));
        assertEquals("\"nsm\": {\"monName\": \"b\", \"state\": 9}",
                JsonFields.of(call(NsmProc.SM_NOTIFY, new NlmXdr().string("b").u32(9).bytes())));
    }

    @Test
    void everyTruncationIsDamage() {
        byte[][] bodies = {
            myId(new NlmXdr().string("127.0.0.3")).fixed(new byte[16]).bytes(),
            myId(new NlmXdr().string("host")).bytes(),
            new NlmXdr().string("host").u32(3).bytes(),
            new NlmXdr().string("abcd").bytes(),
        };
        int[] procs = {NsmProc.SM_MON, NsmProc.SM_UNMON, NsmProc.SM_NOTIFY, NsmProc.SM_STAT};
        for (int i = 0; i < procs.length; i++) {
            for (int n = 0; n < bodies[i].length; n++) {
                NsmMessage m = call(procs[i], Arrays.copyOf(bodies[i], n));
                assertNotNull(m.damage(), "proc " + procs[i] + " cut at " + n);
                assertNotNull(m.body());
            }
        }
        NsmMessage res = reply(NsmProc.SM_MON, new NlmXdr().u32(0).bytes());
        assertEquals(new SmStatRes(0, 0), res.body());
        assertNotNull(res.damage());
    }

    @Test
    void hostileLengthsAndUndefinedProcedures() {
        NsmMessage tooLong = call(NsmProc.SM_NOTIFY, new NlmXdr().opaque(new byte[1100]).u32(1).bytes());
        assertTrue(tooLong.damage().contains("exceeds 1024"), tooLong.damage());
        NsmMessage pastEnd = call(NsmProc.SM_STAT, new NlmXdr().u32(0xffffffffL).bytes());
        assertNull(((SmName) pastEnd.body()).monName());
        assertNotNull(pastEnd.damage());
        NsmMessage undefined = call(7, new byte[0]);
        assertNull(undefined.body());
        assertTrue(undefined.damage().contains("NSMv1"));
        assertNull(Decoders.standard().decode(RpcEvents.call(Programs.NSM, 2, NsmProc.SM_STAT, new byte[4])),
                "only version 1 exists");
    }

    @Test
    void randomBytesNeverThrow() {
        RandomBodies.decodeAndDescribe(Programs.NSM, new int[] {1}, 9, 662, 10_000);
    }
}
