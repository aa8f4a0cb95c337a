package org.nfslockscope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Maps the file in large windows so that reading costs no copy and no system call per packet.
 * Windows (not the whole file) keep captures larger than 2 GiB readable and let the OS drop
 * pages we have passed.
 */
final class MappedByteSource implements ByteSource {
    private static final long WINDOW = 1L << 28;

    private final FileChannel channel;
    private final long size;
    private MappedByteBuffer map;
    private long mapStart;
    private int mapLength;

    MappedByteSource(Path path) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public ByteBuffer window(long offset, int length) throws IOException {
        long end = Math.min(offset + length, size);
        if (offset >= size) {
            return ByteBuffer.allocate(0);
        }
        if (map == null || offset < mapStart || end > mapStart + mapLength) {
            long len = Math.min(Math.max(WINDOW, end - offset), size - offset);
            map = channel.map(FileChannel.MapMode.READ_ONLY, offset, len);
            mapStart = offset;
            mapLength = (int) len;
        }
        return map.slice((int) (offset - mapStart), (int) (end - offset));
    }

    @Override
    public void close() throws IOException {
        map = null;
        channel.close();
    }
}
