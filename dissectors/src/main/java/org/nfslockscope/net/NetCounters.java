package org.nfslockscope.net;

/**
 * How often the net stage hit one of its memory bounds. Each hit loses or blurs something the
 * capture held, so reports show these counts rather than hide them.
 */
public final class NetCounters {
    long connectionsEvicted;
    long fragmentsDropped;
    long outOfOrderOverflows;
    long work;

    /** Connections closed to stay within the connection table's size or idle limit. */
    public long connectionsEvicted() {
        return connectionsEvicted;
    }

    /** IP datagrams whose fragments were given up (incomplete, too old, or beyond the table). */
    public long fragmentsDropped() {
        return fragmentsDropped;
    }

    /** Times a TCP direction held too many out-of-order bytes and declared the hole lost. */
    public long outOfOrderOverflows() {
        return outOfOrderOverflows;
    }

    /**
     * Work of the net stage's state keeping, for the linear-time checks (not reported): bytes
     * copied into and handed on from the TCP and IP reassembly buffers, plus held segments,
     * fragment blocks and connection-table entries examined. It stays within a small multiple
     * of the bytes and frames fed, however an input orders, repeats or splits them.
     */
    public long work() {
        return work;
    }
}
