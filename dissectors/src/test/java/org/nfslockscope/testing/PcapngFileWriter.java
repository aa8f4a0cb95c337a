package org.nfslockscope.testing;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng): each section repeats every interface, so an
 * interface keeps its id in all sections; packets go in enhanced, simple or obsolete blocks.
 */
final class PcapngFileWriter {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;

    private PcapngFileWriter() {
    }

    static byte[] write(List<Captured> frames, List<Iface> ifaces, List<ByteOrder> sections, long[] offsets) {
        BytesOut file = new BytesOut();
        for (int s = 0; s < sections.size(); s++) {
            ByteOrder order = sections.get(s);
            file.bytes(sectionHeader(order));
            for (Iface i : ifaces) {
                file.bytes(interfaceBlock(i, order));
            }
            for (Captured c : frames) {
                if (c.section() == s) {
                    offsets[c.number() - 1] = file.length();
                    file.bytes(packetBlock(c, ifaces.get(c.iface()), order));
                }
            }
        }
        return file.toArray();
    }

    private static byte[] block(int type, byte[] body, ByteOrder order) {
        int length = 12 + ((body.length + 3) & ~3);
        return new BytesOut(order).u32(type).u32(length).bytes(body).pad(4).u32(length).toArray();
    }

    private static byte[] sectionHeader(ByteOrder order) {
        return block(SHB, new BytesOut(order).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1).toArray(), order);
    }

    private static byte[] interfaceBlock(Iface i, ByteOrder order) {
        BytesOut b = new BytesOut(order).u16(i.link().linkType()).u16(0).u32(i.snaplen());
        if (i.tsresol() != 6) {
            b.u16(9).u16(1).u8(i.tsresol()).pad(4);
        }
        if (i.tsoffsetSeconds() != 0) {
            b.u16(14).u16(8).u64(i.tsoffsetSeconds());
        }
        if (b.length() > 8) {
            b.u16(0).u16(0);
        }
        return block(IDB, b.toArray(), order);
    }

    private static byte[] packetBlock(Captured c, Iface i, ByteOrder order) {
        long ts = i.units(c.timeNanos());
        BytesOut b = new BytesOut(order);
        switch (c.block()) {
            case EPB -> b.u32(c.iface()).u32(ts >>> 32).u32(ts).u32(c.caplen()).u32(c.frame().length);
            case OPB -> b.u16(c.iface()).u16(0).u32(ts >>> 32).u32(ts).u32(c.caplen()).u32(c.frame().length);
            case SPB -> {
                // A simple packet block has no captured length: readers take min(original, interface snaplen).
                return block(SPB, b.u32(c.frame().length).bytes(c.frame(), 0, c.caplen()).toArray(), order);
            }
            default -> throw new IllegalStateException();
        }
        b.bytes(c.frame(), 0, c.caplen());
        return block(c.block() == CaptureBuilder.Block.EPB ? EPB : OPB, b.toArray(), order);
    }
}
