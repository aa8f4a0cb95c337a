package org.nfslockscope.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.capture.LinkType;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.DiagnosticSink;

/**
 * The net stage: link layer, IPv4/IPv6 (with fragment reassembly and IPv6 extension headers),
 * then TCP into {@link TcpTracker} and UDP straight to the handler. Frames that carry anything
 * else are counted and passed over.
 */
public final class NetDecoder {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86dd;
    private static final int ETH_VLAN = 0x8100;
    private static final int ETH_QINQ = 0x88a8;
    private static final int ETH_QINQ_OLD = 0x9100;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;

    private final StreamHandler handler;
    private final DiagnosticSink diagnostics;
    private final TcpTracker tcp;
    private final NetCounters counters = new NetCounters();
    private final FragmentReassembler fragments = new FragmentReassembler(counters);
    private final EndpointCache endpoints = new EndpointCache();
    private long otherFrames;
    private long lastFrame;
    private long lastTime;

    public NetDecoder(StreamHandler handler, DiagnosticSink diagnostics) {
        this.handler = handler;
        this.diagnostics = diagnostics;
        this.tcp = new TcpTracker(handler, counters);
    }

    /** Frames that carried neither TCP nor UDP over IP. */
    public long otherFrames() {
        return otherFrames;
    }

    /** How often the net stage hit its memory bounds. */
    public NetCounters counters() {
        return counters;
    }

    public long tcpConnections() {
        return tcp.connections();
    }

    public void frame(Frame f) {
        lastFrame = f.number();
        lastTime = f.timeNanos();
        ByteBuffer d = f.data().order(ByteOrder.BIG_ENDIAN);
        int p = d.position();
        int end = d.limit();
        int etherType;
        switch (f.linkType()) {
            case LinkType.ETHERNET -> {
                if (end - p < 14) {
                    otherFrames++;
                    return;
                }
                etherType = d.getShort(p + 12) & 0xffff;
                p += 14;
                while ((etherType == ETH_VLAN || etherType == ETH_QINQ || etherType == ETH_QINQ_OLD) && end - p >= 4) {
                    etherType = d.getShort(p + 2) & 0xffff;
                    p += 4;
                }
            }
            case LinkType.LINUX_SLL -> {
                if (end - p < 16) {
                    otherFrames++;
                    return;
                }
                etherType = d.getShort(p + 14) & 0xffff;
                p += 16;
            }
            case LinkType.LINUX_SLL2 -> {
                if (end - p < 20) {
                    otherFrames++;
                    return;
                }
                etherType = d.getShort(p) & 0xffff;
                p += 20;
            }
            case LinkType.NULL, LinkType.LOOP -> {
                if (end - p < 4) {
                    otherFrames++;
                    return;
                }
                // DLT_NULL's family is in the writer's byte order, DLT_LOOP's in network order.
                int family = d.getInt(p);
                if (f.linkType() == LinkType.NULL && (family & 0xffff0000) != 0) {
                    family = Integer.reverseBytes(family);
                }
                etherType = switch (family) {
                    case 2 -> ETH_IPV4;
                    case 10, 24, 28, 30 -> ETH_IPV6;
                    default -> -1;
                };
                p += 4;
            }
            case LinkType.RAW, LinkType.RAW_ALT, LinkType.RAW_OPENBSD, LinkType.IPV4, LinkType.IPV6 -> {
                if (end - p < 1) {
                    otherFrames++;
                    return;
                }
                int v = (d.get(p) & 0xf0) >>> 4;
                etherType = v == 4 ? ETH_IPV4 : v == 6 ? ETH_IPV6 : -1;
            }
            default -> etherType = -1;
        }
        if (etherType == ETH_IPV4) {
            ipv4(f, d, p, end);
        } else if (etherType == ETH_IPV6) {
            ipv6(f, d, p, end);
        } else {
            otherFrames++;
        }
    }

    private void ipv4(Frame f, ByteBuffer d, int p, int end) {
        if (end - p < 20 || (d.get(p) & 0xf0) != 0x40) {
            otherFrames++;
            return;
        }
        int ihl = (d.get(p) & 0x0f) * 4;
        int total = d.getShort(p + 2) & 0xffff;
        if (ihl < 20 || end - p < ihl) {
            diagnostics.report(f.number(), Diagnostic.Stage.NET, "IPv4 header is damaged");
            return;
        }
        if (total == 0) {
            // TCP segmentation offload on the capturing host leaves the length 0.
            total = end - p;
        }
        if (total < ihl) {
            diagnostics.report(f.number(), Diagnostic.Stage.NET, "IPv4 total length " + total + " is shorter than its header");
            return;
        }
        int flagsFrag = d.getShort(p + 6) & 0xffff;
        boolean more = (flagsFrag & 0x2000) != 0;
        int fragOffset = (flagsFrag & 0x1fff) * 8;
        int protocol = d.get(p + 9) & 0xff;
        Endpoint src = endpoints.ipv4Host(d, p + 12);
        Endpoint dst = endpoints.ipv4Host(d, p + 16);
        int payloadStart = p + ihl;
        // Ethernet pads short frames: the IP length, not the frame length, says where data ends.
        int present = Math.min(end, p + total) - payloadStart;
        int declared = total - ihl;
        if (more || fragOffset > 0) {
            ByteBuffer payload = d.slice(payloadStart, present);
            if (present < declared) {
                diagnostics.report(f.number(), Diagnostic.Stage.NET, "IPv4 fragment cut short by the capture; datagram dropped");
                return;
            }
            int id = d.getShort(p + 4) & 0xffff;
            ByteBuffer whole = fragments.add(src, dst, id, protocol, fragOffset, more, payload, f.timeNanos());
            if (whole == null) {
                return;
            }
            transport(f, protocol, src, dst, whole, whole.position(), whole.remaining(), whole.remaining());
            return;
        }
        // No slice here: the transport header is read in place and only its payload is sliced.
        transport(f, protocol, src, dst, d, payloadStart, present, declared);
    }

    private void ipv6(Frame f, ByteBuffer d, int p, int end) {
        if (end - p < 40 || (d.get(p) & 0xf0) != 0x60) {
            otherFrames++;
            return;
        }
        int payloadLength = d.getShort(p + 4) & 0xffff;
        int next = d.get(p + 6) & 0xff;
        Endpoint src = endpoints.ipv6Host(d, p + 8);
        Endpoint dst = endpoints.ipv6Host(d, p + 24);
        int q = p + 40;
        int stop = payloadLength == 0 ? end : Math.min(end, q + payloadLength);
        int declaredEnd = payloadLength == 0 ? end : q + payloadLength;
        boolean fragmented = false;
        boolean more = false;
        int fragOffset = 0;
        long fragId = 0;
        while (true) {
            if (next == 0 || next == 43 || next == 60) {
                if (stop - q < 8) {
                    return;
                }
                int hn = d.get(q) & 0xff;
                int len = ((d.get(q + 1) & 0xff) + 1) * 8;
                next = hn;
                q += len;
            } else if (next == 51) {
                if (stop - q < 8) {
                    return;
                }
                int hn = d.get(q) & 0xff;
                int len = ((d.get(q + 1) & 0xff) + 2) * 4;
                next = hn;
                q += len;
            } else if (next == 44) {
                if (stop - q < 8) {
                    return;
                }
                int hn = d.get(q) & 0xff;
                int off = d.getShort(q + 2) & 0xffff;
                fragmented = true;
                fragOffset = off & 0xfff8;
                more = (off & 1) != 0;
                fragId = d.getInt(q + 4) & 0xffffffffL;
                next = hn;
                q += 8;
            } else {
                break;
            }
            if (q > stop) {
                return;
            }
        }
        int present = stop - q;
        int declared = declaredEnd - q;
        ByteBuffer payload = d.slice(q, Math.max(present, 0));
        if (fragmented && (more || fragOffset > 0)) {
            if (present < declared) {
                diagnostics.report(f.number(), Diagnostic.Stage.NET, "IPv6 fragment cut short by the capture; datagram dropped");
                return;
            }
            ByteBuffer whole = fragments.add(src, dst, fragId, next, fragOffset, more, payload, f.timeNanos());
            if (whole == null) {
                return;
            }
            transport(f, next, src, dst, whole, whole.position(), whole.remaining(), whole.remaining());
            return;
        }
        transport(f, next, src, dst, payload, payload.position(), payload.remaining(), declared);
    }

    /** The transport header and payload are the {@code n} bytes of {@code b} from {@code p}. */
    private void transport(Frame f, int protocol, Endpoint srcHost, Endpoint dstHost, ByteBuffer b, int p, int n,
                           int declared) {
        if (protocol == PROTO_TCP) {
            if (n < 20) {
                diagnostics.report(f.number(), Diagnostic.Stage.NET, "TCP header cut short");
                return;
            }
            int hl = ((b.get(p + 12) & 0xf0) >>> 4) * 4;
            if (hl < 20 || hl > n || hl > declared) {
                diagnostics.report(f.number(), Diagnostic.Stage.NET, "TCP header length " + hl + " is damaged");
                return;
            }
            Endpoint src = endpoints.withPort(srcHost, b.getShort(p) & 0xffff);
            Endpoint dst = endpoints.withPort(dstHost, b.getShort(p + 2) & 0xffff);
            int seq = b.getInt(p + 4);
            int ack = b.getInt(p + 8);
            int flags = b.get(p + 13) & 0xff;
            ByteBuffer payload = b.slice(p + hl, n - hl);
            tcp.segment(src, dst, seq, ack, flags, payload, declared - hl, f.number(), f.timeNanos());
        } else if (protocol == PROTO_UDP) {
            if (n < 8) {
                diagnostics.report(f.number(), Diagnostic.Stage.NET, "UDP header cut short");
                return;
            }
            int len = b.getShort(p + 4) & 0xffff;
            if (len < 8) {
                len = declared; // jumbogram or zero length from offload
            }
            Endpoint src = endpoints.withPort(srcHost, b.getShort(p) & 0xffff);
            Endpoint dst = endpoints.withPort(dstHost, b.getShort(p + 2) & 0xffff);
            int present = Math.min(n, len) - 8;
            handler.onDatagram(new UdpDatagram(f.number(), f.timeNanos(), src, dst, b.slice(p + 8, Math.max(present, 0)),
                    present < len - 8));
        } else {
            otherFrames++;
        }
    }

    /** End of the capture: held TCP data is flushed and every connection closed. */
    public void finish() {
        tcp.finish(lastFrame, lastTime);
        fragments.finish();
    }
}
