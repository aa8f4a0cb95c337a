package org.nfslockscope.testing;

import java.nio.ByteOrder;
import org.nfslockscope.capture.LinkType;

/** A link layer that test frames are wrapped in: its LINKTYPE_ value and how it puts an IP packet in a frame. */
public final class Link {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int MIN_ETHERNET = 60;

    private enum Kind { ETHERNET, SLL, SLL2, RAW, NULL, LOOP }

    private final Kind kind;
    private final int linkType;
    private final int[] vlans;

    private Link(Kind kind, int linkType, int... vlans) {
        this.kind = kind;
        this.linkType = linkType;
        this.vlans = vlans;
    }

    /** Ethernet II; one VLAN id gives an 802.1Q tag, two give QinQ (outer 0x88a8, inner 0x8100). Short frames are padded to 60 bytes. */
    public static Link ethernet(int... vlanIds) {
        return new Link(Kind.ETHERNET, LinkType.ETHERNET, vlanIds.clone());
    }

    public static Link sll() {
        return new Link(Kind.SLL, LinkType.LINUX_SLL);
    }

    public static Link sll2() {
        return new Link(Kind.SLL2, LinkType.LINUX_SLL2);
    }

    /** LINKTYPE_RAW (101): the frame is the IP packet. */
    public static Link raw() {
        return new Link(Kind.RAW, LinkType.RAW);
    }

    /** LINKTYPE_IPV4 (228) or LINKTYPE_IPV6 (229). */
    public static Link rawIp(boolean ipv6) {
        return new Link(Kind.RAW, ipv6 ? LinkType.IPV6 : LinkType.IPV4);
    }

    /** BSD loopback (LINKTYPE_NULL): the address family in the byte order of the file that holds it. */
    public static Link bsdNull() {
        return new Link(Kind.NULL, LinkType.NULL);
    }

    /** OpenBSD loopback (LINKTYPE_LOOP): the address family in network byte order. */
    public static Link loop() {
        return new Link(Kind.LOOP, LinkType.LOOP);
    }

    /** Bytes before the IP header in frames of this link layer. */
    static int headerLength(Link l) {
        return switch (l.kind) {
            case ETHERNET -> 14 + 4 * l.vlans.length;
            case SLL -> 16;
            case SLL2 -> 20;
            case RAW -> 0;
            case NULL, LOOP -> 4;
        };
    }

    public int linkType() {
        return linkType;
    }

    /** The frame carrying {@code ip} from {@code src} to {@code dst}; {@code order} is the capture file's byte order. */
    byte[] frame(byte[] ip, Host src, Host dst, ByteOrder order) {
        boolean v6 = src.ipv6();
        int etherType = v6 ? ETH_IPV6 : ETH_IPV4;
        BytesOut out = new BytesOut();
        switch (kind) {
            case ETHERNET -> {
                out.bytes(dst.mac()).bytes(src.mac());
                for (int i = 0; i < vlans.length; i++) {
                    out.u16(i == 0 && vlans.length > 1 ? 0x88a8 : 0x8100).u16(vlans[i] & 0x0fff);
                }
                out.u16(etherType).bytes(ip);
                while (out.length() < MIN_ETHERNET) {
                    out.u8(0);
                }
                return out.toArray();
            }
            case SLL -> out.u16(src.equals(dst) ? 0 : 4).u16(1).u16(6).bytes(src.mac()).u16(0).u16(etherType);
            case SLL2 -> out.u16(etherType).u16(0).u32(1).u16(1).u8(4).u8(6).bytes(src.mac()).u16(0);
            case RAW -> {
                return ip.clone();
            }
            case NULL -> out.bytes(new BytesOut(order).u32(v6 ? 30 : 2).toArray());
            case LOOP -> out.u32(v6 ? 24 : 2);
            default -> throw new IllegalStateException();
        }
        return out.bytes(ip).toArray();
    }

    @Override
    public String toString() {
        return kind + (vlans.length > 0 ? java.util.Arrays.toString(vlans) : "");
    }
}
