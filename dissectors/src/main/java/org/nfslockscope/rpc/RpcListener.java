package org.nfslockscope.rpc;

/** Receives RPC messages in capture order. */
@FunctionalInterface
public interface RpcListener {
    void onMessage(RpcEvent event);

    /** The time of the capture's first frame, before any message: relative times count from it. */
    default void onCaptureStart(long timeNanos) {
    }

    /**
     * {@code missing} bytes of an RPC-carrying TCP stream are not in the capture (lost by the
     * capture or cut by the snaplen): what travelled there is unknown.
     */
    default void onCaptureGap(long connection, org.nfslockscope.net.Endpoint src, org.nfslockscope.net.Endpoint dst,
                              long missing, long frame) {
    }

    /** A TCP connection ended; state kept for it may go. */
    default void onConnectionClosed(long connection, long frame) {
    }
}
