package org.nfslockscope.rpc;

import java.util.Arrays;
import org.nfslockscope.net.Endpoint;

/**
 * Recent TCP calls by host pair rather than by connection, for recognising a call a client
 * repeats on a new connection. Keyed by (client host, server host, program, version, xid): the
 * hosts are compared by address alone, ports and connection aside. Tens of thousands of calls are
 * remembered, nearly all of them answered, so they live in a {@link RecentKeys} table with
 * parallel arrays: an answered call keeps no object at all, an unanswered one its {@link CallInfo}
 * (the instance its connection's table holds too), the one a retransmission stands for.
 */
final class HostPairCalls {
    private final RecentKeys keys = new RecentKeys(true);
    /** The call while unanswered, null once answered. */
    private CallInfo[] pending = new CallInfo[0];
    private int[] argsHashes = new int[0];
    /** Ties a remembered call to its entry in its connection's table, which answers it. */
    private long[] serials = new long[0];

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
        return pending[e];
    }

    int argsHash(int e) {
        return argsHashes[e];
    }

    long serial(int e) {
        return serials[e];
    }

    void answer(int e) {
        pending[e] = null;
    }

    /** Adds an unanswered call as the newest entry; the caller removes any earlier one under its key. */
    void add(Endpoint client, Endpoint server, CallInfo info, int argsHash, long serial) {
        RpcCall c = info.call();
        int e = keys.add(programVersion(c.program(), c.version()), c.xid(), client.hostOnly(), server.hostOnly());
        if (e >= pending.length) {
            int n = keys.capacity();
            pending = Arrays.copyOf(pending, n);
            argsHashes = Arrays.copyOf(argsHashes, n);
            serials = Arrays.copyOf(serials, n);
        }
        pending[e] = info;
        argsHashes[e] = argsHash;
        serials[e] = serial;
    }

    void remove(int e) {
        keys.remove(e);
        pending[e] = null;
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
