package org.nfslockscope.net;

/**
 * The two endpoints of a TCP connection in a fixed order, so both directions find the same entry.
 * Comparable, consistently with equals: addresses and ports come from the capture, so whoever
 * made it can give thousands of connections one hash code, and the connection table's hash bins
 * then fall back on this order (O(log n) per lookup instead of O(n)).
 */
record FlowKey(Endpoint low, Endpoint high) implements Comparable<FlowKey> {
    static FlowKey of(Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FlowKey(a, b) : new FlowKey(b, a);
    }

    @Override
    public int compareTo(FlowKey o) {
        int c = low.compareTo(o.low);
        return c != 0 ? c : high.compareTo(o.high);
    }
}
