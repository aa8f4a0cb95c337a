package org.nfslockscope.bench.gen;

/** The synthetic network: one server, clients numbered from 1. */
final class Addresses {
    static final int SERVER = 0x0a010001; // 10.1.0.1
    static final int NFS_PORT = 2049;
    static final int NLM_PORT = 4045;

    private Addresses() {
    }

    /** 10.0.x.y for client n (1-based), skipping .0 and .255 host bytes. */
    static int client(int n) {
        return 0x0a000000 | ((n / 254) << 8) | (n % 254 + 1);
    }

    /** A file handle of {@code len} bytes derived from a number, the same for the same number. */
    static byte[] handle(int n, int len) {
        byte[] fh = new byte[len];
        for (int i = 0; i < len; i++) {
            fh[i] = (byte) (n * 31 + i * 7);
        }
        return fh;
    }
}
