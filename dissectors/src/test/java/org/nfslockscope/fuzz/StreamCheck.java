package org.nfslockscope.fuzz;

import java.nio.ByteBuffer;
import org.nfslockscope.net.StreamHandler;
import org.nfslockscope.net.TcpConnection;
import org.nfslockscope.net.UdpDatagram;

/**
 * Receives what the net stage hands on and checks it could have come from the input: the
 * reassembler deduplicates retransmissions and never invents bytes, so all stream data and
 * datagrams together never exceed the bytes of the frames fed in.
 */
final class StreamCheck implements StreamHandler {
    private long fedBytes;
    private long deliveredBytes;

    void fed(int frameBytes) {
        fedBytes += frameBytes;
    }

    private void delivered(ByteBuffer b) {
        // Touch every byte: a view past its backing array's end would throw here.
        for (int i = b.position(); i < b.limit(); i++) {
            b.get(i);
        }
        deliveredBytes += b.remaining();
        if (deliveredBytes > fedBytes) {
            throw new AssertionError("net stage delivered " + deliveredBytes + " bytes from " + fedBytes + " fed");
        }
    }

    @Override
    public void onData(TcpConnection connection, int direction, ByteBuffer data, long frame, long timeNanos) {
        if (direction != 0 && direction != 1) {
            throw new AssertionError("direction " + direction);
        }
        delivered(data);
    }

    @Override
    public void onGap(TcpConnection connection, int direction, long missing, long frame) {
        if (missing == 0) {
            throw new AssertionError("a gap of no bytes");
        }
    }

    @Override
    public void onClose(TcpConnection connection, long frame) {
    }

    @Override
    public void onDatagram(UdpDatagram datagram) {
        delivered(datagram.payload());
    }
}
