package org.nfslockscope.testing;

import java.nio.ByteOrder;
import java.util.List;

/** Writes the classic libpcap format (pcap-savefile(5)). */
final class PcapFileWriter {
    private PcapFileWriter() {
    }

    /** Writes the file; {@code offsets[i]} receives where frame i+1's record header starts. */
    static byte[] write(List<Captured> frames, int linkType, int snaplen, boolean nanos, ByteOrder order,
                        long[] offsets) {
        BytesOut out = new BytesOut(order);
        out.u32(nanos ? 0xa1b23c4dL : 0xa1b2c3d4L).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linkType);
        for (Captured c : frames) {
            offsets[c.number() - 1] = out.length();
            long t = c.timeNanos();
            long frac = nanos ? t % 1_000_000_000L : t % 1_000_000_000L / 1000;
            out.u32(t / 1_000_000_000L).u32(frac).u32(c.caplen()).u32(c.frame().length)
                    .bytes(c.frame(), 0, c.caplen());
        }
        return out.toArray();
    }
}
