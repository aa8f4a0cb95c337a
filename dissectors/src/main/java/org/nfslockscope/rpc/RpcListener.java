package org.nfslockscope.rpc;

/** Receives RPC messages in capture order. */
@FunctionalInterface
public interface RpcListener {
    void onMessage(RpcEvent event);

    /** A TCP connection ended; state kept for it may go. */
    default void onConnectionClosed(long connection, long frame) {
    }
}
