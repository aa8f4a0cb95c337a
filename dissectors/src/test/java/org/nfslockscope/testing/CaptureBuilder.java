package org.nfslockscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Writes the pcap or pcapng file a test needs, frame by frame, from a description: hosts, link
 * layers, TCP connections carrying RPC records (with any segmentation, loss, reordering,
 * duplication and truncation), UDP datagrams (optionally IP-fragmented). Frames are numbered
 * from 1 in the order they are emitted, as readers and Wireshark count them.
 *
 * <pre>{@code
 * CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet());
 * TcpFlow nfs = b.tcp(b.host("10.0.0.1"), 871, b.host("10.0.0.2"), 2049).handshake();
 * Message call = nfs.call(Rpc.call(1, 100003, 4, 1).body(args));
 * Message reply = nfs.reply(Rpc.reply(1).body(results));
 * Path file = b.write(dir.resolve("x.pcap"));
 * assertEquals(reply.frame(), ...);
 * }</pre>
 */
public final class CaptureBuilder {
    /** How a pcapng packet is stored. */
    public enum Block { EPB, SPB, OPB }

    private enum Compression { NONE, GZIP, BZIP2 }

    /** 2023-11-14T22:13:20Z: a plausible capture time, far from 0. */
    public static final long DEFAULT_START_NANOS = 1_700_000_000L * 1_000_000_000L;

    private final boolean pcapng;
    private final List<Iface> ifaces = new ArrayList<>();
    private final List<ByteOrder> sections = new ArrayList<>();
    private final List<Captured> frames = new ArrayList<>();
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private boolean nanos;
    private int snaplen = 262144;
    private Compression compression = Compression.NONE;
    private Block block = Block.EPB;
    private long time = DEFAULT_START_NANOS;
    private long step = 1_000_000L;
    private long[] offsets = new long[0];

    private CaptureBuilder(boolean pcapng) {
        this.pcapng = pcapng;
    }

    /** A pcap file of one link type, microsecond timestamps, big-endian unless told otherwise. */
    public static CaptureBuilder pcap(Link link) {
        CaptureBuilder b = new CaptureBuilder(false);
        b.ifaces.add(Iface.of(link));
        return b;
    }

    /** A pcapng file; add interfaces with {@link #iface}. One section until {@link #section} starts another. */
    public static CaptureBuilder pcapng() {
        CaptureBuilder b = new CaptureBuilder(true);
        b.sections.add(ByteOrder.BIG_ENDIAN);
        return b;
    }

    /** pcap: the file's byte order. pcapng: the current section's. */
    public CaptureBuilder order(ByteOrder byteOrder) {
        order = byteOrder;
        if (pcapng) {
            sections.set(sections.size() - 1, byteOrder);
        }
        return this;
    }

    /** pcap: nanosecond timestamps (magic a1b23c4d). */
    public CaptureBuilder nanos() {
        nanos = true;
        return this;
    }

    /** Frames longer than this are cut in the file, as a capture with -s would. */
    public CaptureBuilder snaplen(int n) {
        snaplen = n;
        return this;
    }

    public CaptureBuilder gzip() {
        compression = Compression.GZIP;
        return this;
    }

    public CaptureBuilder bzip2() {
        compression = Compression.BZIP2;
        return this;
    }

    /** pcapng: the block type of the packets emitted from now on. */
    public CaptureBuilder blocks(Block kind) {
        block = kind;
        return this;
    }

    /** pcapng: frames emitted from now on go in a new section of this byte order. */
    public CaptureBuilder section(ByteOrder byteOrder) {
        if (!pcapng) {
            throw new IllegalStateException("pcap files have no sections");
        }
        sections.add(byteOrder);
        order = byteOrder;
        return this;
    }

    /** pcapng: adds an interface (to every section) and returns its id. */
    public int iface(Iface i) {
        if (!pcapng && !ifaces.isEmpty()) {
            throw new IllegalStateException("a pcap file has one link type");
        }
        ifaces.add(i);
        return ifaces.size() - 1;
    }

    public int iface(Link link) {
        return iface(Iface.of(link));
    }

    /** The time of the next frame (ns since the epoch). Each frame advances the clock by {@link #step}. */
    public CaptureBuilder time(long epochNanos) {
        time = epochNanos;
        return this;
    }

    public CaptureBuilder step(long nanos) {
        step = nanos;
        return this;
    }

    /** The time the next frame gets. */
    public long now() {
        return time;
    }

    public Host host(String literal) {
        return Host.of(literal);
    }

    public TcpFlow tcp(Host client, int clientPort, Host server, int serverPort) {
        return new TcpFlow(this, client, clientPort, server, serverPort);
    }

    public UdpFlow udp(Host a, int aPort, Host b, int bPort) {
        return new UdpFlow(this, a, aPort, b, bPort);
    }

    /** Frames emitted so far; also the number of the last one. */
    public int frames() {
        return frames.size();
    }

    public int frameOf(Message m) {
        return m.frame();
    }

    /** Emits an IP packet on interface {@code iface}, cut to {@code caplen} bytes of frame (or less by snaplen). */
    public int emit(int iface, IpPacket p, int caplen) {
        return emitPacket(iface, p, caplen).number();
    }

    Captured emitPacket(int iface, IpPacket p, int caplen) {
        return emitFrame(iface, linkOf(iface).frame(p.bytes(), p.src(), p.dst(), order), caplen);
    }

    public int emit(int iface, IpPacket p) {
        return emit(iface, p, Integer.MAX_VALUE);
    }

    /** Bytes of frame {@code number} the file holds. */
    int capturedLength(int number) {
        return frames.get(number - 1).caplen();
    }

    /** Emits arbitrary link-layer bytes, for frames the encoders cannot make (damaged, other protocols). */
    public int rawFrame(int iface, byte[] frame) {
        return emitFrame(iface, frame, Integer.MAX_VALUE).number();
    }

    Link linkOf(int iface) {
        if (ifaces.isEmpty()) {
            ifaces.add(Iface.of(Link.ethernet()));
        }
        return ifaces.get(iface).link();
    }

    /** Bytes of link, IP and transport headers before the payload in frames this builder makes. */
    int headerLength(int iface, Host src, int transportHeader) {
        return Link.headerLength(linkOf(iface)) + (src.ipv6() ? 40 : 20) + transportHeader;
    }

    Captured emitFrame(int iface, byte[] frame, int caplen) {
        linkOf(iface);
        int cut = Math.min(frame.length, Math.min(caplen, Math.min(snaplen, ifaces.get(iface).snaplen())));
        Captured c = new Captured(frames.size() + 1, time, iface, frame, cut, block,
                pcapng ? sections.size() - 1 : 0, order);
        frames.add(c);
        time += step;
        return c;
    }

    /** The file as it will be written, before compression. */
    public byte[] bytes() {
        offsets = new long[frames.size()];
        if (pcapng) {
            return PcapngFileWriter.write(frames, ifaces, sections, offsets);
        }
        return PcapFileWriter.write(frames, linkOf(0).linkType(), snaplen, nanos, order, offsets);
    }

    /** Where frame {@code number}'s record (pcap) or block (pcapng) starts in {@link #bytes()}. */
    public long offsetOf(int number) {
        if (offsets.length != frames.size()) {
            bytes();
        }
        return offsets[number - 1];
    }

    /** Writes the file (compressed if asked) and returns {@code path}. */
    public Path write(Path path) {
        byte[] raw = bytes();
        try {
            Files.write(path, compress(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    private byte[] compress(byte[] raw) throws IOException {
        if (compression == Compression.NONE) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compression == Compression.GZIP
                ? new GZIPOutputStream(bytes) : new BZip2CompressorOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }
}
