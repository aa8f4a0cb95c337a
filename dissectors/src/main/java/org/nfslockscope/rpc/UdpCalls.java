package org.nfslockscope.rpc;

import java.util.Arrays;
import org.nfslockscope.net.Endpoint;

/**
 * The UDP calls waiting for, or recently given, a reply, keyed by (scope, caller, callee, xid) with
 * the endpoints compared by value, ports included. Up to a hundred thousand calls are kept, so the
 * key and bookkeeping live in a {@link RecentKeys} table with parallel arrays rather than as a key
 * and a holder object per call; insertion order is the order the age and size limits evict in.
 */
final class UdpCalls {
    private final RecentKeys keys = new RecentKeys(true);
    private CallInfo[] infos = new CallInfo[0];
    private int[] argsHashes = new int[0];
    private int[] replies = new int[0];

    int size() {
        return keys.size();
    }

    /** The entry of the call {@code caller} sent to {@code callee} with {@code xid}, or -1. */
    int find(long scope, Endpoint caller, Endpoint callee, int xid) {
        return keys.find(scope, xid, caller, callee);
    }

    CallInfo info(int e) {
        return infos[e];
    }

    int argsHash(int e) {
        return argsHashes[e];
    }

    boolean answered(int e) {
        return replies[e] > 0;
    }

    /** Counts a reply to the call and returns how many it has had. */
    int reply(int e) {
        return ++replies[e];
    }

    /** Adds a call as the newest entry; the caller removes any earlier one under its key. */
    void add(long scope, Endpoint caller, Endpoint callee, CallInfo info, int argsHash) {
        int e = keys.add(scope, info.call().xid(), caller, callee);
        if (e >= infos.length) {
            int n = keys.capacity();
            infos = Arrays.copyOf(infos, n);
            argsHashes = Arrays.copyOf(argsHashes, n);
            replies = Arrays.copyOf(replies, n);
        }
        infos[e] = info;
        argsHashes[e] = argsHash;
        replies[e] = 0;
    }

    /** The oldest entry, or -1 when empty. */
    int oldest() {
        return keys.oldest();
    }

    /** The entry after {@code e} in insertion order, or -1. */
    int newer(int e) {
        return keys.newer(e);
    }

    void remove(int e) {
        keys.remove(e);
        infos[e] = null;
    }

    void clear() {
        while (keys.size() > 0) {
            remove(keys.oldest());
        }
    }
}
