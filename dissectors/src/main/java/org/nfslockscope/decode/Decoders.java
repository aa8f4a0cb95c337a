package org.nfslockscope.decode;

import java.nio.ByteBuffer;
import java.util.List;
import org.nfslockscope.rpc.RpcEvent;

/**
 * The protocol-decoder stage: finds the decoder for a message's program and hands it the body.
 * Decoders register here, in one list, so that every report sees the same set.
 */
public final class Decoders {
    private final List<ProgramDecoder> decoders;

    public Decoders(List<ProgramDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    /** Every decoder the project has. */
    public static Decoders standard() {
        return new Decoders(List.of(new org.nfslockscope.nfs4.Nfs4Decoder()));
    }

    /**
     * The decoded body of {@code e}, or null when no decoder handles its program, the message is
     * an orphan reply (its program is unknown), or the reply carries no results.
     */
    public DecodedBody decode(RpcEvent e) {
        if (e.call() == null) {
            return null;
        }
        int program = e.program();
        int version = e.version();
        for (ProgramDecoder d : decoders) {
            if (d.handles(program, version)) {
                ByteBuffer body = e.body();
                return d.decode(e, body);
            }
        }
        return null;
    }
}
