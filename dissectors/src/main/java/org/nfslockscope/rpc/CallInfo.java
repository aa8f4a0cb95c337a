package org.nfslockscope.rpc;

import java.util.Objects;

/**
 * The call a reply answers, as far as the reply's decoder needs it. The RPC stage hands the same
 * instance with the call and with its first reply (and with retransmissions of the call, also on a
 * new connection), so a listener can keep its own state of the request here ({@link #attach}) and
 * find it again at the reply without a table keyed by frame and XID. A duplicate reply may come
 * with an equal instance rebuilt by the stage, which carries nothing.
 *
 * <p>Equality is by frame, time and call, as for a record; the attachment takes no part in it.
 */
public final class CallInfo {
    private final long frame;
    private final long timeNanos;
    private final RpcCall call;
    /**
     * The listener's state of this request. Only the thread that runs the listener reads or writes
     * it: the pipeline's thread never looks at it, so a hand-off between threads needs no more
     * than the publication it already makes of the whole event.
     */
    private Object attachment;

    public CallInfo(long frame, long timeNanos, RpcCall call) {
        this.frame = frame;
        this.timeNanos = timeNanos;
        this.call = call;
    }

    public long frame() {
        return frame;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public RpcCall call() {
        return call;
    }

    /** What a listener attached, or null. */
    public Object attachment() {
        return attachment;
    }

    /** Keeps a listener's state of this request (null to drop it). */
    public void attach(Object state) {
        attachment = state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallInfo c && frame == c.frame && timeNanos == c.timeNanos && Objects.equals(call, c.call);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(frame) * 31 + Long.hashCode(timeNanos)) * 31 + Objects.hashCode(call);
    }

    @Override
    public String toString() {
        return "CallInfo[frame=" + frame + ", timeNanos=" + timeNanos + ", call=" + call + "]";
    }
}
