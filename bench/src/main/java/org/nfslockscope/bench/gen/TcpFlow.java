package org.nfslockscope.bench.gen;

import java.io.IOException;

/** One TCP connection between an NFS client and server: handshake, marked RPC records, close. */
final class TcpFlow {
    static final int MSS = 1448;

    private final Wire wire;
    private final int clientIp;
    private final int clientPort;
    private final int serverIp;
    private final int serverPort;
    private int clientSeq;
    private int serverSeq;

    TcpFlow(Wire wire, int clientIp, int clientPort, int serverIp, int serverPort, int isnSeed) {
        this.wire = wire;
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.clientSeq = isnSeed * 0x9e3779b1;
        this.serverSeq = ~clientSeq;
    }

    void open() throws IOException {
        wire.tcp(clientIp, clientPort, serverIp, serverPort, clientSeq, 0, Wire.TCP_SYN, new byte[0], 0, 0);
        clientSeq++;
        wire.tcp(serverIp, serverPort, clientIp, clientPort, serverSeq, clientSeq, Wire.TCP_SYN | Wire.TCP_ACK,
                new byte[0], 0, 0);
        serverSeq++;
        ack(true);
    }

    /** Sends the message in {@code x} as one marked record, split into segments of at most {@code mss}. */
    void send(boolean fromClient, Xdr x, int mss) throws IOException {
        x.markLastFragment();
        byte[] b = x.array();
        int total = x.length();
        for (int off = 0; off < total; off += mss) {
            int len = Math.min(mss, total - off);
            int flags = Wire.TCP_ACK | (off + len == total ? Wire.TCP_PSH : 0);
            if (fromClient) {
                wire.tcp(clientIp, clientPort, serverIp, serverPort, clientSeq, serverSeq, flags, b, off, len);
                clientSeq += len;
            } else {
                wire.tcp(serverIp, serverPort, clientIp, clientPort, serverSeq, clientSeq, flags, b, off, len);
                serverSeq += len;
            }
        }
    }

    /** A pure acknowledgement of everything the other side sent. */
    void ack(boolean fromClient) throws IOException {
        if (fromClient) {
            wire.tcp(clientIp, clientPort, serverIp, serverPort, clientSeq, serverSeq, Wire.TCP_ACK, new byte[0], 0, 0);
        } else {
            wire.tcp(serverIp, serverPort, clientIp, clientPort, serverSeq, clientSeq, Wire.TCP_ACK, new byte[0], 0, 0);
        }
    }

    /** The client closes first; the server answers with its own FIN; the client acknowledges it. */
    void close() throws IOException {
        int fa = Wire.TCP_FIN | Wire.TCP_ACK;
        wire.tcp(clientIp, clientPort, serverIp, serverPort, clientSeq, serverSeq, fa, new byte[0], 0, 0);
        clientSeq++;
        wire.tcp(serverIp, serverPort, clientIp, clientPort, serverSeq, clientSeq, fa, new byte[0], 0, 0);
        serverSeq++;
        ack(true);
    }
}
