package org.nfslockscope.analysis;

import org.nfslockscope.decode.DecodedBody;

/** A request (its first transmission) with its decoded arguments; {@code body} is null when not decodable. */
public record Call(Msg msg, int program, int version, int procedure, DecodedBody body) {
    public long frame() {
        return msg.frame();
    }

    public long timeNanos() {
        return msg.timeNanos();
    }
}
