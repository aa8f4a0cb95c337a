package org.nfslockscope.testing;

import java.util.List;

/** UDP between two endpoints of a test capture: one datagram per RPC message, no record marks. */
public final class UdpFlow {
    private static final int UDP_HEADER = 8;

    private final CaptureBuilder capture;
    private final Host aHost;
    private final int aPort;
    private final Host bHost;
    private final int bPort;
    private int iface;

    UdpFlow(CaptureBuilder capture, Host a, int aPort, Host b, int bPort) {
        this.capture = capture;
        this.aHost = a;
        this.aPort = aPort;
        this.bHost = b;
        this.bPort = bPort;
    }

    public UdpFlow on(int id) {
        iface = id;
        return this;
    }

    /** From the first endpoint to the second (usually the client's call). */
    public Message send(Rpc rpc) {
        return datagram(true, rpc, Integer.MAX_VALUE);
    }

    /** From the second endpoint to the first. */
    public Message reply(Rpc rpc) {
        return datagram(false, rpc, Integer.MAX_VALUE);
    }

    /** A datagram whose frame is cut to {@code caplen} bytes; its message never counts as complete. */
    public Message sendTruncated(boolean fromFirst, Rpc rpc, int caplen) {
        Message m = datagram(fromFirst, rpc, caplen);
        int whole = capture.headerLength(iface, aHost, UDP_HEADER) + rpc.message().length;
        if (capture.capturedLength(m.frame) < whole) {
            m.frame = -1;
        }
        return m;
    }

    private Message datagram(boolean fromFirst, Rpc rpc, int caplen) {
        Message m = new Message(rpc, 0, 0);
        m.frame = capture.emit(iface, IpPacket.of(src(fromFirst), dst(fromFirst), IpPacket.UDP, udp(fromFirst, rpc)), caplen);
        return m;
    }

    /**
     * Sends {@code rpc} in IP fragments of {@code size} bytes, emitted in the given order of
     * fragment indexes (all, in order, when none is given); an index left out is lost. The
     * message completes in the frame of the last fragment that makes it whole.
     */
    public Message sendFragmented(boolean fromFirst, Rpc rpc, int size, int id, int... order) {
        List<IpPacket> parts = IpPacket.fragments(src(fromFirst), dst(fromFirst), IpPacket.UDP, udp(fromFirst, rpc), size, id);
        if (order.length == 0) {
            order = java.util.stream.IntStream.range(0, parts.size()).toArray();
        }
        java.util.BitSet seen = new java.util.BitSet();
        Message m = new Message(rpc, 0, 0);
        for (int i : order) {
            int frame = capture.emit(iface, parts.get(i));
            seen.set(i);
            if (m.frame < 0 && seen.cardinality() == parts.size()) {
                m.frame = frame;
            }
        }
        return m;
    }

    private byte[] udp(boolean fromFirst, Rpc rpc) {
        return fromFirst ? IpPacket.udp(aPort, bPort, rpc.message()) : IpPacket.udp(bPort, aPort, rpc.message());
    }

    private Host src(boolean fromFirst) {
        return fromFirst ? aHost : bHost;
    }

    private Host dst(boolean fromFirst) {
        return fromFirst ? bHost : aHost;
    }
}
