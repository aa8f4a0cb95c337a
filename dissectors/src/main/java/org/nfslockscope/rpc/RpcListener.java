package org.nfslockscope.rpc;

/** Receives RPC messages in capture order. */
@FunctionalInterface
public interface RpcListener {
    void onMessage(RpcEvent event);

    /** The time of the capture's first frame, before any message: relative times count from it. */
    default void onCaptureStart(long timeNanos) {
    }

    /** A TCP connection ended; state kept for it may go. */
    default void onConnectionClosed(long connection, long frame) {
    }
}
