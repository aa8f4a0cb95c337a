package org.nfslockscope.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;

/** RPCSEC_GSS DATA bodies (RFC 2203 §5.3.2) around NLM messages, through {@link Decoders}. */
class NlmGssTest {
    private static final int DATA = Credential.Gss.PROC_DATA;
    private static final String COOKIE = "c0ffee";

    private static Credential.Gss gss(int gssProc, int service) {
        return new Credential.Gss(gssProc, 77, service, "0badcafe");
    }

    /** {@code opaque databody_integ<>} = {seq_num, args}, then {@code opaque checksum<>}. */
    private static byte[] integrity(byte[] args) {
        byte[] databody = new NlmXdr().u32(77).fixed(args).bytes();
        return new NlmXdr().opaque(databody).opaque(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}).bytes();
    }

    @Test
    void krb5iCallAndReplyAreUnwrapped() {
        NlmLock lock = NlmDecoderTest.lock(4);
        byte[] args = new NlmXdr().hex(COOKIE).bool(false).bool(true).lock(true, lock).bool(false).u32(1).bytes();
        Decoders decoders = Decoders.standard();
        RpcEvent call = RpcEvents.call(Programs.NLM, 4, NlmProc.LOCK,
                gss(DATA, Credential.Gss.SERVICE_INTEGRITY), integrity(args));
        NlmMessage m = (NlmMessage) decoders.decode(call);
        assertNull(m.damage());
        assertEquals(new LockArgs(COOKIE, false, true, lock, false, 1), m.body());

        NlmMessage reply = (NlmMessage) decoders.decode(RpcEvents.reply(call, integrity(new NlmXdr().hex(COOKIE).u32(0).bytes())));
        assertNull(reply.damage());
        assertEquals(new Res(COOKIE, 0), reply.body());
    }

    @Test
    void krb5iDatabodyCutShortIsDamageNotException() {
        byte[] args = new NlmXdr().hex(COOKIE).u32(0).bytes();
        byte[] wrapped = integrity(args);
        for (int n = 0; n < 8 + args.length; n++) {
            RpcEvent call = RpcEvents.call(Programs.NLM, 4, NlmProc.LOCK_RES,
                    gss(DATA, Credential.Gss.SERVICE_INTEGRITY), Arrays.copyOf(wrapped, n));
            DecodedBody b = Decoders.standard().decode(call);
            assertNotNull(b.damage(), "cut at " + n);
        }
        byte[] noSeq = new NlmXdr().u32(2).u32(0).bytes();
        DecodedBody b = Decoders.standard().decode(RpcEvents.call(Programs.NLM, 4, NlmProc.LOCK_RES,
                gss(DATA, Credential.Gss.SERVICE_INTEGRITY), noSeq));
        assertEquals("\"gss\": \"integrity\", \"opaque\": 8", JsonFields.of(b));
        assertNotNull(b.damage());
    }

    @Test
    void krb5pIsReportedAsOpaqueAndCounted() {
        Decoders decoders = Decoders.standard();
        byte[] sealed = new byte[52];
        RpcEvent call = RpcEvents.call(Programs.NLM, 4, NlmProc.LOCK, gss(DATA, Credential.Gss.SERVICE_PRIVACY), sealed);
        DecodedBody b = decoders.decode(call);
        assertEquals("\"gss\": \"privacy\", \"opaque\": 52", JsonFields.of(b));
        assertNull(b.damage());
        assertEquals("\"gss\": \"privacy\", \"opaque\": 20", JsonFields.of(decoders.decode(RpcEvents.reply(call, new byte[20]))));
        assertEquals(2, decoders.encryptedBodies());
    }

    @Test
    void krb5AuthenticationOnlyIsPlain() {
        byte[] res = new NlmXdr().hex(COOKIE).u32(3).bytes();
        RpcEvent call = RpcEvents.call(Programs.NLM, 4, NlmProc.LOCK_RES, gss(DATA, Credential.Gss.SERVICE_NONE), res);
        assertEquals(new Res(COOKIE, 3), ((NlmMessage) Decoders.standard().decode(call)).body());
    }

    @Test
    void contextSetupIsNotAFileOperation() {
        for (int gssProc = 1; gssProc <= 3; gssProc++) {
            RpcEvent call = RpcEvents.call(Programs.NLM, 4, NlmProc.NULL,
                    gss(gssProc, Credential.Gss.SERVICE_INTEGRITY), new NlmXdr().opaque(new byte[40]).bytes());
            assertNull(Decoders.standard().decode(call), "gss_proc " + gssProc);
            assertNull(Decoders.standard().decode(RpcEvents.reply(call, new byte[60])), "reply, gss_proc " + gssProc);
        }
    }
}
