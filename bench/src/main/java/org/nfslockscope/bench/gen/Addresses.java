package org.nfslockscope.bench.gen;

/** The synthetic network: one server, clients numbered from 1. */
final class Addresses {
    static final int SERVER = 0x0a010001; // 10.1.0.1
    static final int NFS_PORT = 2049;
    static final int NLM_PORT = 4045;

    /** Kinds of handle, so that handles of different kinds never coincide (see {@link #key}). */
    static final int DIRECTORY = 1;
    static final int FILE = 2;
    static final int OPEN_STATEID = 3;
    static final int LOCK_STATEID = 4;
    static final int SESSION = 5;

    private Addresses() {
    }

    /** 10.0.x.y for client n (1-based), skipping .0 and .255 host bytes. */
    static int client(int n) {
        return 0x0a000000 | ((n / 254) << 8) | (n % 254 + 1);
    }

    /**
     * A handle (file handle, stateid "other", session id) of {@code len} bytes, at least 8, derived
     * from a number: the same for the same number and different for different numbers, as a
     * server's are. The first eight bytes are a bijective mix of the number, so no two numbers
     * share a handle; the rest continue the mix so that handles look like a server's, not a count.
     */
    static byte[] handle(long n, int len) {
        if (len < 8) {
            throw new IllegalArgumentException("handles are at least 8 bytes: " + len);
        }
        byte[] h = new byte[len];
        long v = n;
        for (int i = 0; i < len; i += 8) {
            v = mix(v);
            for (int j = 0; j < 8 && i + j < len; j++) {
                h[i + j] = (byte) (v >>> (56 - 8 * j));
            }
        }
        return h;
    }

    /** A bijection of 64-bit values that spreads every input bit over the output. */
    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        v *= 0xc4ceb9fe1a85ec53L;
        return v ^ (v >>> 33);
    }

    /** A number for a handle of kind {@code kind} of client {@code client}, item {@code item}. */
    static long key(int kind, int client, int item) {
        return ((long) kind << 56) ^ ((long) client << 32) ^ (item & 0xffffffffL);
    }
}
