package org.nfslockscope.testing;

/**
 * An RPC message placed in a test capture. {@link #frame()} is the frame in which a reader that
 * reassembles correctly sees it complete: the frame carrying its last byte, or the late segment
 * that filled the last hole before it. It stays -1 while (or if ever) some byte of it is missing.
 */
public final class Message {
    private final Rpc rpc;
    /** Stream offsets of the record (with marks) on TCP; 0 for UDP. */
    final long start;
    final long end;
    int frame = -1;

    Message(Rpc rpc, long start, long end) {
        this.rpc = rpc;
        this.start = start;
        this.end = end;
    }

    public Rpc rpc() {
        return rpc;
    }

    public int xid() {
        return rpc.xid();
    }

    public int frame() {
        return frame;
    }

    /** Where the record lies in its stream (TCP), for tests that cut segments around it. */
    public long streamStart() {
        return start;
    }

    public long streamEnd() {
        return end;
    }

    @Override
    public String toString() {
        return rpc + " in frame " + frame;
    }
}
