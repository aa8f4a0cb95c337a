package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.capture.LinkType;
import org.nfslockscope.net.NetDecoder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.IpPacket;

/**
 * The net stage: link layers, IPv4/IPv6 with fragments and extension headers, UDP, and TCP
 * reassembly. One target feeds raw frames of a fuzzed link type; the other feeds a fuzzed
 * sequence of TCP segments (sequence numbers, flags, lengths) of two connections, which is how
 * the reassembler's buffers and holes are reached quickly.
 */
class NetFuzzTest {
    private static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW, LinkType.RAW_OPENBSD,
        LinkType.RAW_ALT, LinkType.LOOP, LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2};
    private static final Host CLIENT = Host.of("10.0.0.1");
    private static final Host SERVER = Host.of("10.0.0.2");
    private static final int MAX_FRAMES = 64;

    @FuzzTest(maxDuration = "30s")
    void frames(FuzzedDataProvider data) {
        int link = data.consumeBoolean() ? data.pickValue(LINK_TYPES) : data.consumeInt();
        StreamCheck streams = new StreamCheck();
        Invariants inv = new Invariants();
        NetDecoder net = new NetDecoder(streams, inv);
        long time = 0;
        int n = 0;
        while (data.remainingBytes() > 0 && n < MAX_FRAMES) {
            n++;
            time += data.consumeBoolean() ? 1_000_000L : data.consumeLong(0, 1L << 42);
            byte[] frame = data.consumeBytes(data.consumeInt(0, 4096));
            streams.fed(frame.length);
            net.frame(new Frame(n, time, link, 0, frame.length, ByteBuffer.wrap(frame)));
        }
        net.finish();
        inv.assertFramesWithin(n);
    }

    @FuzzTest(maxDuration = "30s")
    void tcpSegments(FuzzedDataProvider data) {
        StreamCheck streams = new StreamCheck();
        Invariants inv = new Invariants();
        NetDecoder net = new NetDecoder(streams, inv);
        int isn = data.consumeInt();
        int n = 0;
        while (data.remainingBytes() > 0 && n < MAX_FRAMES) {
            n++;
            boolean fromClient = data.consumeBoolean();
            int port = 800 + data.consumeInt(0, 1);
            int seq = isn + (data.consumeBoolean() ? data.consumeInt(-64, 4096) : data.consumeInt());
            int flags = data.consumeInt(0, 0x3f);
            byte[] payload = data.consumeBytes(data.consumeInt(0, 1500));
            byte[] tcp = fromClient ? IpPacket.tcp(port, 2049, seq, isn, flags, payload)
                    : IpPacket.tcp(2049, port, seq, isn, flags, payload);
            byte[] ip = fromClient ? IpPacket.of(CLIENT, SERVER, IpPacket.TCP, tcp).bytes()
                    : IpPacket.of(SERVER, CLIENT, IpPacket.TCP, tcp).bytes();
            streams.fed(payload.length);
            net.frame(new Frame(n, n * 1_000_000L, LinkType.RAW, 0, ip.length, ByteBuffer.wrap(ip)));
        }
        net.finish();
        inv.assertFramesWithin(n);
    }
}
