package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.nlm.RpcEvents;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;

/**
 * Every protocol decoder through {@link Decoders#standard()}, the way the pipeline reaches them:
 * a call and a reply to it, each with a fuzzed body. Going through the registry rather than a
 * decoder class means the NFSv4 targets below cover whatever decodes COMPOUND and CB_COMPOUND
 * there, without depending on its classes.
 */
class DecoderFuzzTest {
    /** NFSv4 callback programs are transient numbers chosen by the client; Linux uses this one. */
    static final int CALLBACK_PROGRAM = 0x40000000;
    private static final Decoders DECODERS = Decoders.standard();

    @FuzzTest(maxDuration = "30s")
    void nlm(FuzzedDataProvider data) {
        callAndReply(Programs.NLM, data.consumeInt(1, 4), data.consumeInt(0, 24), data);
    }

    @FuzzTest(maxDuration = "30s")
    void nsm(FuzzedDataProvider data) {
        callAndReply(Programs.NSM, 1, data.consumeInt(0, 7), data);
    }

    /** NFSv4 COMPOUND, call and reply (program 100003, version 4, procedure 1). */
    @FuzzTest(maxDuration = "30s")
    void nfs4Compound(FuzzedDataProvider data) {
        callAndReply(Programs.NFS, 4, 1, data);
    }

    /** NFSv4 CB_COMPOUND on a callback program, call and reply (version 1, procedure 1). */
    @FuzzTest(maxDuration = "30s")
    void nfs4Callback(FuzzedDataProvider data) {
        callAndReply(CALLBACK_PROGRAM, 1, 1, data);
    }

    /** RPCSEC_GSS DATA bodies of any service around NLM and NFSv4 calls: the krb5i unwrapping. */
    @FuzzTest(maxDuration = "30s")
    void gss(FuzzedDataProvider data) {
        Credential gss = new Credential.Gss(data.consumeInt(0, 3), data.consumeLong(0, 0xffffffffL),
                data.consumeInt(0, 4), "00");
        int program = data.pickValue(new int[] {Programs.NLM, Programs.NSM, Programs.NFS});
        int version = program == Programs.NLM ? 4 : program == Programs.NSM ? 1 : 4;
        int procedure = program == Programs.NFS ? 1 : data.consumeInt(0, 24);
        decodeBoth(RpcEvents.call(program, version, procedure, gss, data.consumeBytes(data.remainingBytes() / 2)),
                data.consumeRemainingAsBytes());
    }

    private static void callAndReply(int program, int version, int procedure, FuzzedDataProvider data) {
        RpcEvent call = RpcEvents.call(program, version, procedure, data.consumeBytes(data.remainingBytes() / 2));
        decodeBoth(call, data.consumeRemainingAsBytes());
    }

    private static void decodeBoth(RpcEvent call, byte[] replyBody) {
        Invariants.assertDescribable(DECODERS.decode(call));
        Invariants.assertDescribable(DECODERS.decode(RpcEvents.reply(call, replyBody)));
    }
}
