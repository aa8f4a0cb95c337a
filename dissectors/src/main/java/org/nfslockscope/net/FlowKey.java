package org.nfslockscope.net;

/** The two endpoints of a TCP connection in a fixed order, so both directions find the same entry. */
record FlowKey(Endpoint low, Endpoint high) {
    static FlowKey of(Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FlowKey(a, b) : new FlowKey(b, a);
    }
}
