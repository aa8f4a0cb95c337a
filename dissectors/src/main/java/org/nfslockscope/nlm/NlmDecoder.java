package org.nfslockscope.nlm;

import java.nio.ByteBuffer;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.ProgramDecoder;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.xdr.XdrReader;

/**
 * NLM, program 100021, versions 1 to 4. Version 2 has no XDR of its own and is decoded like
 * version 1, as Wireshark does; version 4 widens offsets and lengths to 64 bits.
 */
public final class NlmDecoder implements ProgramDecoder {

    @Override
    public boolean handles(int program, int version) {
        return program == Programs.NLM && version >= 1 && version <= 4;
    }

    @Override
    public DecodedBody decode(RpcEvent event, ByteBuffer body) {
        int version = event.version();
        int procedure = event.procedure();
        boolean reply = !event.isCall();
        try {
            PartialReader r = new PartialReader(new XdrReader(body));
            NlmBody decoded = reply ? results(procedure, version, r) : arguments(procedure, version, r);
            if (decoded == null && !r.damaged()) {
                return null;
            }
            return new NlmMessage(version, procedure, reply, decoded, r.damage());
        } catch (RuntimeException e) {
            // Last resort: a decoder bug costs this message's fields, never the pipeline.
            return new NlmMessage(version, procedure, reply, null, "internal error: " + e);
        }
    }

    /** Null for procedures without arguments (NULL); undefined procedures are damage. */
    static NlmArgs arguments(int procedure, int version, PartialReader r) {
        boolean nlm4 = version == 4;
        if (!NlmProc.inVersion(procedure, version)) {
            return undefined(procedure, version, r);
        }
        return switch (procedure) {
            case NlmProc.NULL -> null;
            case NlmProc.TEST, NlmProc.TEST_MSG, NlmProc.GRANTED, NlmProc.GRANTED_MSG -> TestArgs.read(r, nlm4);
            case NlmProc.LOCK, NlmProc.LOCK_MSG, NlmProc.NM_LOCK -> LockArgs.read(r, nlm4);
            case NlmProc.CANCEL, NlmProc.CANCEL_MSG -> CancelArgs.read(r, nlm4);
            case NlmProc.UNLOCK, NlmProc.UNLOCK_MSG -> UnlockArgs.read(r, nlm4);
            case NlmProc.TEST_RES -> TestRes.read(r, nlm4);
            case NlmProc.LOCK_RES, NlmProc.CANCEL_RES, NlmProc.UNLOCK_RES, NlmProc.GRANTED_RES -> Res.read(r);
            case NlmProc.NSM_NOTIFY -> NsmNotify.read(r);
            case NlmProc.SHARE, NlmProc.UNSHARE -> ShareArgs.read(r);
            case NlmProc.FREE_ALL -> Notify.read(r);
            default -> undefined(procedure, version, r);
        };
    }

    /** Null for procedures whose reply is void (NULL, every _MSG and _RES, NSM_NOTIFY, FREE_ALL). */
    static NlmResult results(int procedure, int version, PartialReader r) {
        if (!NlmProc.inVersion(procedure, version)) {
            return undefined(procedure, version, r);
        }
        return switch (procedure) {
            case NlmProc.TEST -> TestRes.read(r, version == 4);
            case NlmProc.LOCK, NlmProc.CANCEL, NlmProc.UNLOCK, NlmProc.GRANTED, NlmProc.NM_LOCK -> Res.read(r);
            case NlmProc.SHARE, NlmProc.UNSHARE -> ShareRes.read(r);
            case NlmProc.NULL, NlmProc.TEST_MSG, NlmProc.LOCK_MSG, NlmProc.CANCEL_MSG, NlmProc.UNLOCK_MSG,
                 NlmProc.GRANTED_MSG, NlmProc.TEST_RES, NlmProc.LOCK_RES, NlmProc.CANCEL_RES,
                 NlmProc.UNLOCK_RES, NlmProc.GRANTED_RES, NlmProc.NSM_NOTIFY, NlmProc.FREE_ALL -> null;
            default -> undefined(procedure, version, r);
        };
    }

    private static <T> T undefined(int procedure, int version, PartialReader r) {
        r.fail("procedure " + (procedure & 0xffffffffL) + " is not defined in NLMv" + version);
        return null;
    }
}
