package org.nfslockscope.decode;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.nfslockscope.nfs4.Nfs4Decoder;
import org.nfslockscope.nlm.NlmDecoder;
import org.nfslockscope.nsm.NsmDecoder;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcReply;
import org.nfslockscope.xdr.XdrException;

/**
 * The protocol-decoder stage: finds the decoder for a message's program and hands it the body.
 * Decoders register here, in one list, so that every report sees the same set.
 */
public final class Decoders {
    private final List<ProgramDecoder> decoders;
    private final LongAdder encrypted = new LongAdder();

    public Decoders(List<ProgramDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    /** Every decoder the project has. */
    public static Decoders standard() {
        return new Decoders(List.of(
                new Nfs4Decoder(),
                new NlmDecoder(),
                new NsmDecoder()));
    }

    /**
     * The decoded body of {@code e}, or null when no decoder handles its program, the message is
     * an orphan reply (its program is unknown), the reply carries no results, or the call is
     * RPCSEC_GSS context setup (INIT, CONTINUE_INIT, DESTROY), which is no file operation.
     */
    public DecodedBody decode(RpcEvent e) {
        if (e.call() == null || e.message() instanceof RpcReply r && !r.hasResults()) {
            return null;
        }
        int program = e.program();
        int version = e.version();
        // By index: an iterator per message was a measurable share of the lock view's garbage.
        for (int i = 0; i < decoders.size(); i++) {
            ProgramDecoder d = decoders.get(i);
            if (d.handles(program, version)) {
                ByteBuffer body = e.body();
                if (e.call().call().credential() instanceof Credential.Gss gss) {
                    return decodeGss(d, e, body, gss);
                }
                return d.decode(e, body);
            }
        }
        return null;
    }

    /** How many krb5p bodies went by undecoded because they are encrypted. */
    public long encryptedBodies() {
        return encrypted.sum();
    }

    /** RPCSEC_GSS DATA [RFC 2203 §5.3.2]: the call's credential says how both call and reply are wrapped. */
    private DecodedBody decodeGss(ProgramDecoder d, RpcEvent e, ByteBuffer body, Credential.Gss gss) {
        if (gss.gssProc() != Credential.Gss.PROC_DATA) {
            return null;
        }
        switch (gss.service()) {
            case Credential.Gss.SERVICE_PRIVACY:
                encrypted.increment();
                return GssBody.privacy(body);
            case Credential.Gss.SERVICE_INTEGRITY:
                try {
                    return d.decode(e, GssBody.integrityArgs(body));
                } catch (XdrException x) {
                    return new GssBody("integrity", body.remaining(), x.getMessage());
                }
            default:
                return d.decode(e, body);
        }
    }
}
