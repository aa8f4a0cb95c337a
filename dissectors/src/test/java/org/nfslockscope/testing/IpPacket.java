package org.nfslockscope.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 or IPv6 packet of a test capture, with the encoders for the headers it is made of.
 * Transport checksums are left zero: neither our reader nor tshark (by default) checks them.
 */
public record IpPacket(Host src, Host dst, byte[] bytes) {
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** IPv6 extension headers that tests may put before the transport header. */
    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int DEST_OPTIONS = 60;

    /** A whole (unfragmented) packet; IPv6 may carry {@code extensions} (HOP_BY_HOP, ROUTING, DEST_OPTIONS). */
    public static IpPacket of(Host src, Host dst, int protocol, byte[] transport, int... extensions) {
        if (src.ipv6()) {
            return new IpPacket(src, dst, ipv6(src, dst, protocol, transport, extensions, null));
        }
        return new IpPacket(src, dst, ipv4(src, dst, protocol, 1, 0, false, transport));
    }

    /**
     * The packet split into fragments carrying at most {@code size} bytes of {@code transport}
     * each ({@code size} a multiple of 8), in order; IPv4 fragments or IPv6 fragment headers.
     */
    public static List<IpPacket> fragments(Host src, Host dst, int protocol, byte[] transport, int size, int id) {
        if (size % 8 != 0) {
            throw new IllegalArgumentException("fragment size must be a multiple of 8");
        }
        List<IpPacket> out = new ArrayList<>();
        for (int off = 0; off < transport.length; off += size) {
            int n = Math.min(size, transport.length - off);
            byte[] part = java.util.Arrays.copyOfRange(transport, off, off + n);
            boolean more = off + n < transport.length;
            byte[] packet = src.ipv6()
                    ? ipv6(src, dst, protocol, part, new int[0], new int[] {off, more ? 1 : 0, id})
                    : ipv4(src, dst, protocol, id, off, more, part);
            out.add(new IpPacket(src, dst, packet));
        }
        return out;
    }

    static byte[] ipv4(Host src, Host dst, int protocol, int id, int fragOffset, boolean more, byte[] payload) {
        BytesOut h = new BytesOut();
        h.u8(0x45).u8(0).u16(20 + payload.length).u16(id)
                .u16((more ? 0x2000 : 0) | (fragOffset / 8)).u8(64).u8(protocol).u16(0)
                .bytes(src.address()).bytes(dst.address());
        h.put16(10, checksum(h.toArray()));
        return h.bytes(payload).toArray();
    }

    /** {@code frag} = {offset, more, id} adds a fragment header after the other extensions. */
    private static byte[] ipv6(Host src, Host dst, int protocol, byte[] payload, int[] extensions, int[] frag) {
        List<Integer> chain = new ArrayList<>();
        for (int e : extensions) {
            chain.add(e);
        }
        if (frag != null) {
            chain.add(FRAGMENT);
        }
        BytesOut ext = new BytesOut();
        for (int i = 0; i < chain.size(); i++) {
            int next = i + 1 < chain.size() ? chain.get(i + 1) : protocol;
            if (chain.get(i) == FRAGMENT) {
                ext.u8(next).u8(0).u16(frag[0] | frag[1]).u32(frag[2]);
            } else {
                // The shortest extension header: 8 bytes, length field 0, PadN filling the rest.
                ext.u8(next).u8(0).u8(1).u8(4).u32(0);
            }
        }
        int first = chain.isEmpty() ? protocol : chain.get(0);
        BytesOut out = new BytesOut();
        out.u32(0x60000000L).u16(ext.length() + payload.length).u8(first).u8(64)
                .bytes(src.address()).bytes(dst.address()).bytes(ext.toArray()).bytes(payload);
        return out.toArray();
    }

    public static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] payload) {
        return new BytesOut().u16(sport).u16(dport).u32(seq).u32(ack).u8(5 << 4).u8(flags)
                .u16(65535).u16(0).u16(0).bytes(payload).toArray();
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return new BytesOut().u16(sport).u16(dport).u16(8 + payload.length).u16(0).bytes(payload).toArray();
    }

    private static int checksum(byte[] header) {
        int sum = 0;
        for (int i = 0; i < header.length; i += 2) {
            sum += ((header[i] & 0xff) << 8) | (header[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
