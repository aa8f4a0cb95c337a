package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic little-endian, microsecond pcap file of Ethernet frames through one reused
 * buffer, so that captures of many gigabytes are written without holding them in memory.
 */
public final class PcapWriter implements AutoCloseable {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 262144;

    private final FileChannel out;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long bytes;
    private long packets;

    public PcapWriter(Path file) throws IOException {
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        buf.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        bytes = 24;
    }

    /** Appends one frame of {@code len} bytes from {@code frame}, stamped {@code micros} since the epoch. */
    public void packet(long micros, byte[] frame, int len) throws IOException {
        if (buf.remaining() < 16 + len) {
            drain();
        }
        buf.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(len).putInt(len);
        buf.put(frame, 0, len);
        bytes += 16 + len;
        packets++;
    }

    public long bytes() {
        return bytes;
    }

    public long packets() {
        return packets;
    }

    private void drain() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    @Override
    public void close() throws IOException {
        drain();
        out.close();
    }
}
