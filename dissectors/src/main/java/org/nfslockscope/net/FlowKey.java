package org.nfslockscope.net;

/**
 * The two endpoints of a TCP connection in a fixed order, so both directions find the same entry;
 * of two port-less endpoints ({@link Endpoint#hostOnly}), the pair of hosts.
 * Comparable, consistently with equals: addresses and ports come from the capture, so whoever
 * made it can give thousands of connections one hash code, and the connection table's hash bins
 * then fall back on this order (O(log n) per lookup instead of O(n)).
 */
public record FlowKey(Endpoint low, Endpoint high) implements Comparable<FlowKey> {
    public static FlowKey of(Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FlowKey(a, b) : new FlowKey(b, a);
    }

    // Spelled out, as for every record on the per-packet path: a record's own equals and
    // hashCode are bound at first use through method handles, whose classes the JVM generates
    // and compiles during the run (docs/performance.md, folding round).
    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && low.equals(k.low) && high.equals(k.high);
    }

    @Override
    public int hashCode() {
        return low.hashCode() * 31 + high.hashCode();
    }

    @Override
    public int compareTo(FlowKey o) {
        int c = low.compareTo(o.low);
        return c != 0 ? c : high.compareTo(o.high);
    }
}
