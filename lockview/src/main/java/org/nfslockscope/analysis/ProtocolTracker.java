package org.nfslockscope.analysis;

/**
 * Follows one protocol's requests and keeps its part of the lock view. Trackers see requests,
 * never retransmissions: a retransmitted call or a duplicate reply is one request (notes §3.0.1).
 */
interface ProtocolTracker {
    /** Whether this tracker follows calls of this program and version. */
    boolean follows(int program, int version);

    /** A new request went out (its reply may come later, or never). */
    default void call(Call call) {
    }

    /** The request was answered. */
    void exchange(Call call, Reply reply);

    /** The capture moved on to {@code nowNanos}: rules that wait for time to pass may judge now. */
    default void tick(long nowNanos) {
    }

    /** The capture ended; {@code unanswered} requests never got a reply. */
    default void finish(long endNanos, long lastFrame) {
    }
}
