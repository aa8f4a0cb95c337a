package org.nfslockscope.bench;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks a little-endian pcap file's record headers through a memory map and does nothing else:
 * the ceiling any reader of the file can reach, and a cheap packet count for files the benchmark
 * did not generate in this run.
 */
final class RecordWalk {
    private static final long WINDOW = 1L << 30;

    private RecordWalk() {
    }

    record Result(long packets, double seconds) {
    }

    static Result walk(Path pcap) throws IOException {
        long start = System.nanoTime();
        long packets = 0;
        try (FileChannel ch = FileChannel.open(pcap, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 24;
            while (pos + 16 <= size) {
                long len = Math.min(WINDOW, size - pos);
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, pos, len);
                m.order(ByteOrder.LITTLE_ENDIAN);
                int p = 0;
                // Stop at the last record wholly inside this window; the next window starts there.
                while (p + 16 <= len) {
                    int incl = m.getInt(p + 8);
                    if (p + 16L + incl > len && pos + len < size) {
                        break;
                    }
                    p += 16 + incl;
                    packets++;
                }
                pos += p;
                if (p == 0) {
                    break;
                }
            }
        }
        return new Result(packets, (System.nanoTime() - start) / 1e9);
    }
}
