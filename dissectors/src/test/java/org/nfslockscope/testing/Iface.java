package org.nfslockscope.testing;

/**
 * A pcapng interface: its link layer, timestamp resolution ({@code if_tsresol}: a power of ten,
 * or with bit 7 set a power of two), timestamp offset in seconds ({@code if_tsoffset}) and
 * snaplen. In a pcap file only the link layer counts.
 */
public record Iface(Link link, int tsresol, long tsoffsetSeconds, int snaplen) {

    /** Microsecond timestamps (the pcapng default, written without an option), no offset. */
    public static Iface of(Link link) {
        return new Iface(link, 6, 0, 262144);
    }

    public Iface tsresol(int resolution) {
        return new Iface(link, resolution, tsoffsetSeconds, snaplen);
    }

    public Iface tsoffset(long seconds) {
        return new Iface(link, tsresol, seconds, snaplen);
    }

    public Iface snaplen(int n) {
        return new Iface(link, tsresol, tsoffsetSeconds, n);
    }

    /** A capture timestamp in this interface's units. */
    long units(long timeNanos) {
        java.math.BigInteger ns = java.math.BigInteger.valueOf(timeNanos - tsoffsetSeconds * 1_000_000_000L);
        java.math.BigInteger billion = java.math.BigInteger.valueOf(1_000_000_000L);
        java.math.BigInteger scale = (tsresol & 0x80) != 0
                ? java.math.BigInteger.TWO.pow(tsresol & 0x7f)
                : java.math.BigInteger.TEN.pow(tsresol);
        return ns.multiply(scale).divide(billion).longValue();
    }
}
