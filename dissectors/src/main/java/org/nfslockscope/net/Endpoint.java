package org.nfslockscope.net;

import java.util.Arrays;

/** An IPv4 or IPv6 address with a transport port. Immutable; equality by value. */
public final class Endpoint implements Comparable<Endpoint> {
    private final byte[] address;
    private final int port;
    private final int hash;
    /**
     * An IPv4 address as one unsigned word (0 for IPv6): {@link #compareTo} orders two IPv4
     * endpoints on it, once per TCP segment when a connection key is made, instead of comparing
     * arrays, whose general routine costs more than the rest of the key for four bytes.
     */
    private final int v4;
    /** This address with port 0, made on first use (see {@link #hostOnly}). */
    private Endpoint host;

    public Endpoint(byte[] address, int port) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes");
        }
        this.address = address;
        this.port = port;
        this.hash = hash(address, port);
        this.v4 = address.length == 4
                ? (address[0] & 0xff) << 24 | (address[1] & 0xff) << 16 | (address[2] & 0xff) << 8 | address[3] & 0xff
                : 0;
    }

    /**
     * Addresses and ports come from the capture, so a plain hash of them can be inverted: a
     * capture made for it gives thousands of endpoints one hash code, and every table keyed by
     * them (the connection table, the RPC stage's call tables, whose seeds cover only their long
     * key parts) then walks one bin or one probe cluster per packet. Even without intent, clients
     * numbered in step (10.0.0.2:40000, 10.0.0.3:40001, ...) differed only in multiples of 32
     * under the old sum of the array's hash and the port, and fell into four buckets of a
     * {@code HashMap}. So each address word goes through a non-linear mixing step together with
     * a seed drawn per run. No output depends on hash order: the maps whose order is seen are
     * insertion-ordered.
     */
    private static final int SEED = java.util.concurrent.ThreadLocalRandom.current().nextInt();

    static int hash(byte[] address, int port) {
        int h = SEED;
        for (int i = 0; i < address.length; i += 4) {
            int word = (address[i] & 0xff) << 24 | (address[i + 1] & 0xff) << 16 | (address[i + 2] & 0xff) << 8
                    | address[i + 3] & 0xff;
            h = mix(h ^ word);
        }
        return mix(h + port * 0x9E3779B9);
    }

    /** The 32-bit finalizer of MurmurHash3: bijective, every input bit moves every output bit. */
    private static int mix(int h) {
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h = (h ^ (h >>> 13)) * 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** {@code host}'s address with {@code port}, for the endpoint cache: the two share the address. */
    Endpoint(Endpoint host, int port) {
        this(host.address, port);
        this.host = host.port == 0 ? host : null;
    }

    public static Endpoint parse(String host, int port) {
        try {
            return new Endpoint(java.net.InetAddress.getByName(host).getAddress(), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + host, e);
        }
    }

    public byte[] address() {
        return address.clone();
    }

    /** The address without a defensive copy, for this package's hot path; never modified. */
    byte[] addressBytes() {
        return address;
    }

    public int port() {
        return port;
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    /**
     * This address with port 0: equal for endpoints of the same host whatever their ports, so a
     * table keyed by host compares it by {@code equals}. Made once per endpoint instance, and
     * shared with the host entry of the endpoint cache when this endpoint came from there.
     */
    public Endpoint hostOnly() {
        Endpoint h = host;
        if (h == null) {
            // A racing second thread at worst makes an equal copy; the fields it reads are final.
            h = port == 0 ? this : new Endpoint(address, 0);
            host = h;
        }
        return h;
    }

    /** Same host (address), any port. */
    public boolean sameHost(Endpoint other) {
        return Arrays.equals(address, other.address);
    }

    /** Orders by address alone, consistently with {@link #sameHost}. */
    public int compareHost(Endpoint other) {
        return Arrays.compareUnsigned(address, other.address);
    }

    /** The address alone, as text ("127.0.0.1" or "::1"). */
    public String host() {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        try {
            String s = java.net.InetAddress.getByAddress(address).getHostAddress();
            return compressIpv6(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String compressIpv6(String full) {
        // Java prints every group; show the RFC 5952 form that tshark and users expect.
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String right = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return left + "::" + right;
    }

    @Override
    public String toString() {
        return address.length == 4 ? host() + ":" + port : "[" + host() + "]:" + port;
    }

    @Override
    public boolean equals(Object o) {
        // Endpoints come shared from the decoder's cache, so the same instance is the common case.
        return o == this
                || o instanceof Endpoint e && e.hash == hash && e.port == port && Arrays.equals(e.address, address);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Endpoint o) {
        // Of two 4-byte arrays, the unsigned big-endian words order as the arrays do.
        int c = address.length == 4 && o.address.length == 4
                ? Integer.compareUnsigned(v4, o.v4)
                : Arrays.compareUnsigned(address, o.address);
        return c != 0 ? c : Integer.compare(port, o.port);
    }
}
