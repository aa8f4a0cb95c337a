package org.nfslockscope.rpc;

import org.nfslockscope.net.Endpoint;

/**
 * Unanswered TCP calls by host pair rather than by connection, for recognising a call a client
 * repeats on a new connection. Keyed by (client host, server host, program, version, xid): the
 * hosts are compared by address alone, ports and connection aside. A call leaves when it is
 * answered, since a repeat of an answered call is a new call, so the table holds only the calls
 * in flight (a handful per connection, or up to its limit when replies are missing from the
 * capture) and stays in the processor's caches: it used to keep answered calls too, and then
 * every call and reply looked up and replaced an entry in tens of thousands.
 */
final class HostPairCalls {
    /**
     * Per entry: the call (its one object); the serial that ties it to its entry in the table of
     * the connection that answers it (its one long); the argument hash (its tag).
     */
    private final RecentKeys keys = new RecentKeys(true, false, false, 1, 2);
    private static final int CALL = 0;
    /** The entry's {@link HostPairs.Pair}, told when the entry leaves. */
    private static final int PAIR = 1;
    private final HostPairs pairs;

    HostPairCalls(HostPairs pairs) {
        this.pairs = pairs;
    }
    private static final int SERIAL = 0;

    private static long programVersion(int program, int version) {
        return (long) program << 32 | (version & 0xffffffffL);
    }

    int size() {
        return keys.size();
    }

    /** The entry of the call {@code client} sent to {@code server}, or -1. */
    int find(Endpoint client, Endpoint server, int program, int version, int xid) {
        return keys.find(programVersion(program, version), xid, client.hostOnly(), server.hostOnly());
    }

    /** The call of an entry: one waiting for its reply. */
    CallInfo call(int e) {
        return (CallInfo) keys.object(e, CALL);
    }

    int argsHash(int e) {
        return keys.tag(e);
    }

    long serial(int e) {
        return keys.value(e, SERIAL);
    }

    /** Adds an unanswered call as the newest entry; the caller removes any earlier one under its key. */
    void add(Endpoint client, Endpoint server, CallInfo info, int argsHash, long serial, HostPairs.Pair pair) {
        RpcCall c = info.call();
        int e = keys.add(programVersion(c.program(), c.version()), c.xid(), client.hostOnly(), server.hostOnly());
        keys.object(e, CALL, info);
        keys.object(e, PAIR, pair);
        pairs.filed(pair);
        keys.tag(e, argsHash);
        keys.value(e, SERIAL, serial);
    }

    void remove(int e) {
        HostPairs.Pair pair = (HostPairs.Pair) keys.object(e, PAIR);
        keys.remove(e);
        pairs.unfiled(pair);
    }

    /** Forgets the oldest call. */
    void removeOldest() {
        remove(keys.oldest());
    }

    void clear() {
        while (keys.size() > 0) {
            removeOldest();
        }
    }
}
