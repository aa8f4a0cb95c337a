package org.nfslockscope.rpc;

import org.nfslockscope.net.Endpoint;

/**
 * Recent TCP calls by host pair rather than by connection, for recognising a call a client
 * repeats on a new connection. Keyed by (client host, server host, program, version, xid): the
 * hosts are compared by address alone, ports and connection aside. Tens of thousands of calls are
 * remembered, nearly all of them answered, so they live in a {@link RecentKeys} table, what is
 * kept of a call in its key's entry: an answered call keeps no object at all, an unanswered one its {@link CallInfo}
 * (the instance its connection's table holds too), the one a retransmission stands for.
 */
final class HostPairCalls {
    /**
     * Per entry: the call while unanswered, null once answered (its one object); the serial that
     * ties a remembered call to its entry in its connection's table, which answers it (its one
     * long); the argument hash (its tag).
     */
    private final RecentKeys keys = new RecentKeys(true, false, false, 1, 1);
    private static final int PENDING = 0;
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

    /** The call of an entry while it waits for its reply, else null. */
    CallInfo unanswered(int e) {
        return (CallInfo) keys.object(e, PENDING);
    }

    int argsHash(int e) {
        return keys.tag(e);
    }

    long serial(int e) {
        return keys.value(e, SERIAL);
    }

    void answer(int e) {
        keys.object(e, PENDING, null);
    }

    /** Adds an unanswered call as the newest entry; the caller removes any earlier one under its key. */
    void add(Endpoint client, Endpoint server, CallInfo info, int argsHash, long serial) {
        RpcCall c = info.call();
        int e = keys.add(programVersion(c.program(), c.version()), c.xid(), client.hostOnly(), server.hostOnly());
        keys.object(e, PENDING, info);
        keys.tag(e, argsHash);
        keys.value(e, SERIAL, serial);
    }

    void remove(int e) {
        keys.remove(e);
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
