package org.nfslockscope.bench.gen;

import java.io.IOException;

/**
 * Builds Ethernet/IPv4/TCP or UDP frames around payloads and hands them to the pcap writer with
 * a capture clock that advances a little per frame. Checksums are left zero: readers of captures
 * taken with offload see the same, and neither nfslockscope nor tshark checks them by default.
 */
final class Wire {
    static final int TCP_FIN = 0x01;
    static final int TCP_SYN = 0x02;
    static final int TCP_PSH = 0x08;
    static final int TCP_ACK = 0x10;
    private static final int HEADERS_TCP = 14 + 20 + 20;
    private static final int HEADERS_UDP = 14 + 20 + 8;

    private final PcapWriter out;
    private final byte[] frame = new byte[65536];
    private long micros = 1_700_000_000_000_000L;
    private int ipId;

    Wire(PcapWriter out) {
        this.out = out;
    }

    PcapWriter writer() {
        return out;
    }

    /** Moves the capture clock on; frames in between share the current instant plus one µs each. */
    void advance(long us) {
        micros += us;
    }

    void tcp(int srcIp, int srcPort, int dstIp, int dstPort, int seq, int ack, int flags,
             byte[] payload, int off, int len) throws IOException {
        int p = ip(srcIp, dstIp, 6, 20 + len);
        put16(p, srcPort);
        put16(p + 2, dstPort);
        put32(p + 4, seq);
        put32(p + 8, ack);
        frame[p + 12] = 5 << 4;
        frame[p + 13] = (byte) flags;
        put16(p + 14, 65535);
        put32(p + 16, 0);
        System.arraycopy(payload, off, frame, HEADERS_TCP, len);
        emit(HEADERS_TCP + len);
    }

    void udp(int srcIp, int srcPort, int dstIp, int dstPort, byte[] payload, int off, int len) throws IOException {
        int p = ip(srcIp, dstIp, 17, 8 + len);
        put16(p, srcPort);
        put16(p + 2, dstPort);
        put16(p + 4, 8 + len);
        put16(p + 6, 0);
        System.arraycopy(payload, off, frame, HEADERS_UDP, len);
        emit(HEADERS_UDP + len);
    }

    /** Writes Ethernet and IPv4 headers; returns where the transport header starts. */
    private int ip(int srcIp, int dstIp, int protocol, int ipPayload) {
        // Locally administered MACs derived from the addresses keep frames self-consistent.
        put16(0, 0x0200);
        put32(2, dstIp);
        put16(6, 0x0200);
        put32(8, srcIp);
        put16(12, 0x0800);
        frame[14] = 0x45;
        frame[15] = 0;
        put16(16, 20 + ipPayload);
        put16(18, ipId++);
        put16(20, 0x4000); // don't fragment
        frame[22] = 64;
        frame[23] = (byte) protocol;
        put16(24, 0);
        put32(26, srcIp);
        put32(30, dstIp);
        return 34;
    }

    private void emit(int len) throws IOException {
        micros++;
        out.packet(micros, frame, len);
    }

    private void put16(int at, int v) {
        frame[at] = (byte) (v >>> 8);
        frame[at + 1] = (byte) v;
    }

    private void put32(int at, int v) {
        frame[at] = (byte) (v >>> 24);
        frame[at + 1] = (byte) (v >>> 16);
        frame[at + 2] = (byte) (v >>> 8);
        frame[at + 3] = (byte) v;
    }
}
