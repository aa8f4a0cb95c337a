package org.nfslockscope.net;

import java.nio.ByteBuffer;

/**
 * Hands out shared {@link Endpoint}s for the addresses and ports of frames, so that a capture's
 * few thousand distinct endpoints are allocated once rather than four times per packet. Each
 * table is direct-mapped: a miss simply replaces the slot, so the cache costs a fixed amount of
 * memory however many endpoints a capture holds. Endpoints are immutable, so sharing is safe.
 */
final class EndpointCache {
    private static final int HOST_SLOTS = 1 << 10;
    private static final int PORT_BITS = 13;
    private static final int PORT_SLOTS = 1 << PORT_BITS;

    private final Endpoint[] hosts = new Endpoint[HOST_SLOTS];
    /** The IPv4 address of each IPv4 host slot as a number, compared before the slot's bytes. */
    private final int[] ipv4s = new int[HOST_SLOTS];
    private final Endpoint[] withPorts = new Endpoint[PORT_SLOTS];

    /** The IPv4 address at {@code at}, with port 0. */
    Endpoint ipv4Host(ByteBuffer d, int at) {
        int a = d.getInt(at);
        int slot = (a * 0x9e3779b1 >>> 22) & (HOST_SLOTS - 1);
        Endpoint e = hosts[slot];
        if (e != null && ipv4s[slot] == a && !e.isIpv6()) {
            return e;
        }
        e = new Endpoint(bytes(d, at, 4), 0);
        hosts[slot] = e;
        ipv4s[slot] = a;
        return e;
    }

    /** The IPv6 address at {@code at}, with port 0. */
    Endpoint ipv6Host(ByteBuffer d, int at) {
        int slot = (d.getInt(at + 12) * 0x9e3779b1 >>> 22) & (HOST_SLOTS - 1);
        Endpoint e = hosts[slot];
        if (e != null && e.isIpv6() && sameBytes(e.addressBytes(), d, at)) {
            return e;
        }
        e = new Endpoint(bytes(d, at, 16), 0);
        hosts[slot] = e;
        return e;
    }

    /** {@code host}'s address with {@code port}. */
    Endpoint withPort(Endpoint host, int port) {
        int h = (host.hashCode() + port) * 0x9e3779b1;
        int slot = h >>> (32 - PORT_BITS);
        Endpoint e = withPorts[slot];
        byte[] address = host.addressBytes();
        if (e != null && e.port() == port && (e.addressBytes() == address || e.sameHost(host))) {
            return e;
        }
        e = new Endpoint(host, port);
        withPorts[slot] = e;
        return e;
    }

    private static boolean sameBytes(byte[] a, ByteBuffer d, int at) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != d.get(at + i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(ByteBuffer d, int at, int n) {
        byte[] a = new byte[n];
        d.get(at, a);
        return a;
    }
}
