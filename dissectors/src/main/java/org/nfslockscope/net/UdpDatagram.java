package org.nfslockscope.net;

import java.nio.ByteBuffer;

/**
 * A UDP datagram, reassembled from IP fragments when it came in several. {@code payload} is
 * valid only during the callback that hands it over. {@code truncated} is set when the capture
 * holds fewer bytes than the datagram carried (snaplen).
 */
public record UdpDatagram(long frame, long timeNanos, Endpoint src, Endpoint dst, ByteBuffer payload,
                          boolean truncated) {
}
