package org.nfslockscope.testing;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A TCP connection in a test capture. Each {@link Side} writes its byte stream (RPC records or
 * raw bytes) and then cuts what it has written into segments that are emitted in any order, any
 * number of times, or never (capture loss). Acknowledgements carry only what the capture shows
 * the peer has sent in order, so that a reader never learns of a hole from an ACK unless the test
 * asks for it with {@link Side#ackAll()}.
 */
public final class TcpFlow {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    private static final int TCP_HEADER = 20;

    private final CaptureBuilder capture;
    private final Side client;
    private final Side server;
    private int iface;
    private int mss = 1448;

    TcpFlow(CaptureBuilder capture, Host clientHost, int clientPort, Host serverHost, int serverPort) {
        this.capture = capture;
        this.client = new Side(clientHost, clientPort, 1000);
        this.server = new Side(serverHost, serverPort, 500_000);
        client.peer = server;
        server.peer = client;
    }

    /** Frames of this connection go out on pcapng interface {@code id}. */
    public TcpFlow on(int id) {
        iface = id;
        return this;
    }

    /** Segment size used when a side sends without saying how to cut. */
    public TcpFlow mss(int n) {
        mss = n;
        return this;
    }

    /** Initial sequence numbers (the SYN's); choose ones near 2^32 to test wrap-around. */
    public TcpFlow isn(int clientIsn, int serverIsn) {
        client.isn = clientIsn;
        server.isn = serverIsn;
        return this;
    }

    /** SYN, SYN/ACK, ACK. Without it the connection is already open when the capture starts. */
    public TcpFlow handshake() {
        client.control(SYN, client.isn, 0);
        return handshakeFromSynAck();
    }

    /** The handshake as a capture that started just after the client's SYN sees it: SYN/ACK, ACK. */
    public TcpFlow handshakeFromSynAck() {
        server.control(SYN | ACK, server.isn, client.isn + 1);
        client.control(ACK, client.seq(client.cut), server.isn + 1);
        client.synSeen = true;
        server.synSeen = true;
        return this;
    }

    public Side client() {
        return client;
    }

    public Side server() {
        return server;
    }

    /** The client sends {@code rpc} now, cut at the MSS. */
    public Message call(Rpc rpc) {
        return client.send(rpc);
    }

    /** The server sends {@code rpc} now, cut at the MSS (a reply, or a backchannel call). */
    public Message reply(Rpc rpc) {
        return server.send(rpc);
    }

    /** FIN from the client, FIN from the server. */
    public void close() {
        client.fin();
        server.fin();
    }

    /** One direction of the connection. */
    public final class Side {
        private final Host host;
        private final int port;
        private Side peer;
        private int isn;
        private boolean synSeen;
        private final BytesOut stream = new BytesOut();
        /** Bytes of the stream already cut into segments. */
        private long cut;
        /** Stream bytes the capture holds; the reader's stream begins at the first one emitted. */
        private final BitSet captured = new BitSet();
        private long base = -1;
        private final List<Message> waiting = new ArrayList<>();

        Side(Host host, int port, int isn) {
            this.host = host;
            this.port = port;
            this.isn = isn;
        }

        /** Sequence number of stream offset {@code off} (offset 0 follows the SYN). */
        public int seq(long off) {
            return (int) (isn + 1 + off);
        }

        /** Bytes written to this side's stream so far. */
        public long written() {
            return stream.length();
        }

        /** Appends {@code rpc}'s record to the stream without sending it. */
        public Message queue(Rpc rpc) {
            long start = stream.length();
            stream.bytes(rpc.record());
            Message m = new Message(rpc, start, stream.length());
            waiting.add(m);
            return m;
        }

        /** Appends raw bytes (a bad record mark, garbage) to the stream without sending them. */
        public Side queue(byte[] raw) {
            stream.bytes(raw);
            return this;
        }

        /** Queues {@code rpc} and sends everything queued, cut at the MSS. */
        public Message send(Rpc rpc) {
            Message m = queue(rpc);
            flush();
            return m;
        }

        /** Sends everything queued, cut at the given sizes then the MSS; returns the frames. */
        public int[] flush(int... sizes) {
            List<Segment> segments = cut(sizes);
            int[] out = new int[segments.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = segments.get(i).emit();
            }
            return out;
        }

        /**
         * Cuts the queued bytes into segments of the given sizes, then of the MSS, without
         * emitting them: the test emits them in any order, repeats or drops some.
         */
        public List<Segment> cut(int... sizes) {
            List<Segment> out = new ArrayList<>();
            int i = 0;
            while (cut < stream.length()) {
                int n = (int) Math.min(i < sizes.length ? sizes[i] : mss, stream.length() - cut);
                out.add(new Segment(this, cut, n, PSH | ACK));
                cut += n;
                i++;
            }
            return out;
        }

        /** A segment over any written bytes, for retransmissions and overlaps. */
        public Segment segment(long offset, int length) {
            if (offset + length > stream.length()) {
                throw new IllegalArgumentException("segment beyond the written stream");
            }
            return new Segment(this, offset, length, PSH | ACK);
        }

        /** Sends {@code rpc} in segments the capture never holds (lost by the capture, not the network). */
        public Message lose(Rpc rpc) {
            Message m = queue(rpc);
            cut();
            return m;
        }

        public int fin() {
            return control(FIN | ACK, seq(cut), peer.ackValue());
        }

        public int rst() {
            return control(RST | ACK, seq(cut), peer.ackValue());
        }

        /** A pure ACK of everything the peer has cut, captured or not: tells a reader that missing bytes are lost. */
        public int ackAll() {
            return control(ACK, seq(cut), peer.seq(peer.cut));
        }

        private int ackValue() {
            long upTo = base < 0 ? 0 : captured.nextClearBit((int) base);
            return seq(upTo);
        }

        private int control(int flags, int seq, int ack) {
            byte[] tcp = IpPacket.tcp(port, peer.port, seq, ack, flags, new byte[0]);
            return capture.emit(iface, IpPacket.of(host, peer.host, IpPacket.TCP, tcp));
        }

        private int emit(Segment s, int caplen) {
            byte[] payload = stream.copy((int) s.offset, s.length);
            byte[] tcp = IpPacket.tcp(port, peer.port, seq(s.offset), peer.ackValue(), s.flags, payload);
            IpPacket p = IpPacket.of(host, peer.host, IpPacket.TCP, tcp);
            Captured c = capture.emitPacket(iface, p, caplen);
            int present = Math.max(0, Math.min(s.length, c.caplen() - capture.headerLength(iface, host, TCP_HEADER)));
            if (base < 0) {
                base = synSeen ? 0 : s.offset;
            }
            captured.set((int) s.offset, (int) s.offset + present);
            long inOrder = captured.nextClearBit((int) base);
            for (Message m : waiting) {
                if (m.frame < 0 && m.start >= base && m.end <= inOrder) {
                    m.frame = c.number();
                }
            }
            return c.number();
        }
    }

    /** A piece of one side's stream, ready to be emitted (once, several times, or never). */
    public static final class Segment {
        private final Side side;
        private final long offset;
        private final int length;
        private final int flags;

        Segment(Side side, long offset, int length, int flags) {
            this.side = side;
            this.offset = offset;
            this.length = length;
            this.flags = flags;
        }

        /** Emits the segment; returns its frame number. */
        public int emit() {
            return side.emit(this, Integer.MAX_VALUE);
        }

        /** Emits the segment with the frame cut to {@code caplen} bytes, as a small snaplen would. */
        public int emitTruncated(int caplen) {
            return side.emit(this, caplen);
        }

        /** The same bytes with FIN set. */
        public Segment withFin() {
            return new Segment(side, offset, length, flags | FIN);
        }

        public long offset() {
            return offset;
        }

        public int length() {
            return length;
        }
    }
}
