package org.nfslockscope.net;

/**
 * One TCP connection. Direction 0 runs from {@link #initiator()} to {@link #responder()}: the
 * initiator is the side that sent the SYN, or, for a connection already open when the capture
 * started, the sender of the first segment seen. Later stages keep their per-connection state in
 * {@link #attachment} so that they need no second lookup per segment.
 */
public final class TcpConnection {
    private final long id;
    private final Endpoint initiator;
    private final Endpoint responder;
    private final boolean sawSyn;
    /** Free for the stage that consumes the streams. */
    public Object attachment;

    TcpConnection(long id, Endpoint initiator, Endpoint responder, boolean sawSyn) {
        this.id = id;
        this.initiator = initiator;
        this.responder = responder;
        this.sawSyn = sawSyn;
    }

    /** Sequential number, like Wireshark's tcp.stream (0-based), in order of first appearance. */
    public long id() {
        return id;
    }

    public Endpoint initiator() {
        return initiator;
    }

    public Endpoint responder() {
        return responder;
    }

    /** Whether the capture holds the connection's SYN, so that its streams start at byte 0. */
    public boolean sawSyn() {
        return sawSyn;
    }

    public Endpoint source(int direction) {
        return direction == 0 ? initiator : responder;
    }

    public Endpoint destination(int direction) {
        return direction == 0 ? responder : initiator;
    }

    @Override
    public String toString() {
        return "tcp#" + id + " " + initiator + " -> " + responder;
    }
}
