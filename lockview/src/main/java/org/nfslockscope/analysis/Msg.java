package org.nfslockscope.analysis;

import org.nfslockscope.net.Endpoint;
import org.nfslockscope.rpc.RpcEvent;

/** Where and when one RPC message travelled, kept after the event's buffers are gone. */
public record Msg(long frame, long timeNanos, Endpoint src, Endpoint dst, long connection, int xid) {
    static Msg of(RpcEvent e) {
        return new Msg(e.frame(), e.timeNanos(), e.src(), e.dst(), e.connection(), e.message().xid());
    }
}
