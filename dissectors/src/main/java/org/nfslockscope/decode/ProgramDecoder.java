package org.nfslockscope.decode;

import java.nio.ByteBuffer;
import org.nfslockscope.rpc.RpcEvent;

/** Decodes the bodies of one ONC RPC program. */
public interface ProgramDecoder {

    /** Whether this decoder understands calls of this program and version. */
    boolean handles(int program, int version);

    /**
     * Decodes {@code body} (the call's arguments or the reply's results, with any RPCSEC_GSS
     * integrity wrapping already taken off) of the message {@code event}. Must not throw: damage
     * is reported through {@link DecodedBody#damage()}. Returns null when the procedure carries
     * nothing worth decoding (NULL).
     */
    DecodedBody decode(RpcEvent event, ByteBuffer body);
}
