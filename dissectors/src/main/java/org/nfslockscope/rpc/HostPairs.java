package org.nfslockscope.rpc;

import java.util.HashMap;
import java.util.Map;
import org.nfslockscope.net.Endpoint;
import org.nfslockscope.net.FlowKey;

/**
 * The pairs of hosts with open TCP connections, for {@link HostPairCalls}. A call can be repeated
 * on another connection only between the same two hosts, so a connection whose hosts have no
 * other connection, and no calls waiting in that table from one that closed, need not file its
 * calls there: most captures hold one connection per client and server, and filing cost a
 * lookup and an insert per call and a lookup and a removal per reply (a fifth of the RPC stage on
 * lock41). The first connection of a pair files nothing until a second one opens, which makes
 * it file the calls it has waiting at that moment; one closing alone files those it leaves
 * unanswered, and one forgetting a call unanswered at its table's limit files that call, so that
 * a reconnect or a late repeat finds them. From then on, connections of the pair file every
 * call, as all did before.
 */
final class HostPairs {
    /** Two hosts, either way round. */
    static final class Pair {
        private final FlowKey key;
        /** Open connections between the two hosts. */
        int open;
        /** Calls between the two hosts that wait in {@link HostPairCalls}. */
        int filed;
        /** The pair's one open connection that does not file its calls, or null. */
        Object lone;

        private Pair(FlowKey key) {
            this.key = key;
        }
    }

    /** By the two port-less endpoints: comparable, as every key made of capture data. */
    private final Map<FlowKey, Pair> pairs = new HashMap<>();

    /** A connection between {@code a} and {@code b} opened: its pair, counted. */
    Pair opened(Endpoint a, Endpoint b) {
        Pair p = pairs.computeIfAbsent(FlowKey.of(a.hostOnly(), b.hostOnly()), Pair::new);
        p.open++;
        return p;
    }

    void closed(Pair p) {
        p.open--;
        forgetIfUnused(p);
    }

    void filed(Pair p) {
        p.filed++;
    }

    void unfiled(Pair p) {
        p.filed--;
        forgetIfUnused(p);
    }

    private void forgetIfUnused(Pair p) {
        if (p.open == 0 && p.filed == 0) {
            pairs.remove(p.key);
        }
    }

    /** Pairs known: those with an open connection or a filed call (for tests). */
    int size() {
        return pairs.size();
    }
}
