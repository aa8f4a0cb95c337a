package org.nfslockscope.net;

import java.nio.ByteBuffer;

/**
 * What the net stage hands on: in-order TCP byte streams per connection and direction, with the
 * places where bytes are missing, and UDP datagrams. Buffers are valid only during the call.
 */
public interface StreamHandler {

    /** In-order bytes of one direction; {@code frame} is the frame that made them available. */
    void onData(TcpConnection connection, int direction, ByteBuffer data, long frame, long timeNanos);

    /**
     * Bytes are missing before the next {@link #onData}: lost from the capture or cut by the
     * snaplen, or the capture started in the middle of the stream ({@code missing} &lt; 0: unknown).
     */
    void onGap(TcpConnection connection, int direction, long missing, long frame);

    /** The connection ended (FIN both ways, RST, evicted as idle, or end of capture). */
    void onClose(TcpConnection connection, long frame);

    void onDatagram(UdpDatagram datagram);
}
