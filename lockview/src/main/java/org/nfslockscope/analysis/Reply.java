package org.nfslockscope.analysis;

import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.rpc.RpcReply;

/** A reply with its decoded results; {@code body} is null when the RPC call was not accepted or not decodable. */
public record Reply(Msg msg, RpcReply header, DecodedBody body) {
    public long frame() {
        return msg.frame();
    }

    public long timeNanos() {
        return msg.timeNanos();
    }
}
