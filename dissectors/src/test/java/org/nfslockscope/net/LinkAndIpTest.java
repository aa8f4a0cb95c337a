package org.nfslockscope.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.IpPacket;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.UdpFlow;

class LinkAndIpTest {
    @TempDir
    Path dir;

    private int file;

    private StreamRecorder run(CaptureBuilder b) {
        return StreamRecorder.run(b.write(dir.resolve("l" + (file++) + ".pcap")));
    }

    static Stream<Link> links() {
        return Stream.of(Link.ethernet(), Link.ethernet(5), Link.ethernet(5, 6), Link.sll(), Link.sll2(),
                Link.raw(), Link.bsdNull(), Link.loop());
    }

    @ParameterizedTest
    @MethodSource("links")
    void tinyDatagramIsHandedOnWithoutLinkPaddingOnEveryLinkAndByteOrder(Link link) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (String host : new String[] {"10.0.0.1", "fe80::1"}) {
                CaptureBuilder b = CaptureBuilder.pcap(link).order(order);
                Host a = b.host(host);
                Host c = b.host(host.contains(":") ? "fe80::2" : "10.0.0.2");
                b.emit(0, IpPacket.of(a, c, IpPacket.UDP, new byte[] {0, 1, 0, 2, 0, 12, 0, 0, 'a', 'b', 'c', 'd'}));
                StreamRecorder r = run(b);
                assertEquals(1, r.datagrams.size(), link + " " + order + " " + host);
                assertArrayEquals(new byte[] {'a', 'b', 'c', 'd'}, r.datagramBytes.get(0));
                assertEquals(a.port(1), r.datagrams.get(0).src());
                assertEquals(c.port(2), r.datagrams.get(0).dst());
                assertFalse(r.datagrams.get(0).truncated());
            }
        }
    }

    @Test
    void tinyTcpSegmentOverPaddedEthernetCarriesOnlyItsOwnBytes() {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet(100, 200));
        TcpFlow t = b.tcp(b.host("10.0.0.1"), 1, b.host("10.0.0.2"), 2).handshake();
        t.client().queue(new byte[] {9, 8}).flush();
        StreamRecorder r = run(b);
        assertArrayEquals(new byte[] {9, 8}, r.stream(0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "2001:db8::1"})
    void fragmentedDatagramIsWholeInTheFrameThatCompletesItInAnyOrder(String host) {
        int[][] orders = {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 0, 3, 1}};
        for (int[] order : orders) {
            CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet());
            Host a = b.host(host);
            Host c = b.host(host.contains(":") ? "2001:db8::2" : "10.0.0.2");
            UdpFlow u = b.udp(a, 900, c, 2049);
            Rpc rpc = Rpc.call(1, 100021, 4, 2).body(300, 1);
            Message m = u.sendFragmented(true, rpc, 96, 77, order);
            StreamRecorder r = run(b);
            assertEquals(1, r.datagrams.size(), java.util.Arrays.toString(order));
            assertArrayEquals(rpc.message(), r.datagramBytes.get(0));
            assertEquals(m.frame(), r.datagrams.get(0).frame());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "2001:db8::1"})
    void datagramMissingAFragmentIsNeverHandedOn(String host) {
        CaptureBuilder b = CaptureBuilder.pcap(Link.raw());
        Host a = b.host(host);
        Host c = b.host(host.contains(":") ? "2001:db8::2" : "10.0.0.2");
        UdpFlow u = b.udp(a, 900, c, 2049);
        Message m = u.sendFragmented(true, Rpc.call(1, 100021, 4, 2).body(300, 1), 96, 78, 0, 1, 3);
        StreamRecorder r = run(b);
        assertEquals(List.of(), r.datagrams);
        assertEquals(-1, m.frame());
    }

    @Test
    void ipv6ExtensionHeadersAreSteppedOver() {
        CaptureBuilder b = CaptureBuilder.pcap(Link.raw());
        Host a = b.host("2001:db8::1");
        Host c = b.host("2001:db8::2");
        byte[] udp = {0, 1, 0, 2, 0, 10, 0, 0, 'h', 'i'};
        b.emit(0, IpPacket.of(a, c, IpPacket.UDP, udp, IpPacket.HOP_BY_HOP, IpPacket.ROUTING, IpPacket.DEST_OPTIONS));
        byte[] tcpSyn = {0, 3, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0, 0, 0, 0, 0, 0};
        byte[] tcpData = {0, 3, 0, 4, 0, 0, 0, 2, 0, 0, 0, 0, 0x50, 0x18, 0, 0, 0, 0, 0, 0, 'x', 'y', 'z'};
        b.emit(0, IpPacket.of(a, c, IpPacket.TCP, tcpSyn, IpPacket.DEST_OPTIONS));
        b.emit(0, IpPacket.of(a, c, IpPacket.TCP, tcpData, IpPacket.HOP_BY_HOP, IpPacket.DEST_OPTIONS));
        StreamRecorder r = run(b);
        assertArrayEquals(new byte[] {'h', 'i'}, r.datagramBytes.get(0));
        assertArrayEquals(new byte[] {'x', 'y', 'z'}, r.stream(0, 0));
    }

    @Test
    void nonIpFramesAreCountedAndPassedOver() {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet());
        byte[] arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        b.rawFrame(0, arp);
        b.rawFrame(0, new byte[5]);
        StreamRecorder r = run(b);
        assertEquals(List.of(), r.datagrams);
        assertEquals(List.of(), r.events);
    }
}
