package org.nfslockscope.rpc;

import java.util.HashMap;
import java.util.Map;
import org.nfslockscope.net.Endpoint;

/**
 * The pairs of hosts with open TCP connections, for {@link HostPairCalls}. A call can be repeated
 * on another connection only between the same two hosts, so a connection whose hosts have no
 * other connection, and no calls waiting in that table from one that closed, need not file its
 * calls there: most captures hold one connection per client and server, and filing cost a
 * lookup and an insert per call and a lookup and a removal per reply (a fifth of the RPC stage on
 * lock41). The first connection of a pair files nothing until a second one opens, which makes
 * it file the calls it has waiting at that moment; one closing alone files those it leaves
 * unanswered, so that a reconnect finds them. From then on, connections of the pair file every
 * call, as all did before.
 */
final class HostPairs {
    /** Two hosts, either way round. */
    static final class Pair {
        private final Key key;
        /** Open connections between the two hosts. */
        int open;
        /** Calls between the two hosts that wait in {@link HostPairCalls}. */
        int filed;
        /** The pair's one open connection that does not file its calls, or null. */
        Object lone;

        private Pair(Key key) {
            this.key = key;
        }
    }

    /**
     * The two addresses (port-less endpoints) in a fixed order. Comparable, as every key made of
     * capture data: a crafted capture can give many pairs one hash code.
     */
    private record Key(Endpoint low, Endpoint high) implements Comparable<Key> {
        static Key of(Endpoint a, Endpoint b) {
            Endpoint x = a.hostOnly();
            Endpoint y = b.hostOnly();
            return x.compareHost(y) <= 0 ? new Key(x, y) : new Key(y, x);
        }

        // Spelled out, as for every record the pipeline uses (docs/performance.md, folding round).
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && low.sameHost(k.low) && high.sameHost(k.high);
        }

        @Override
        public int hashCode() {
            return low.hashCode() * 31 + high.hashCode();
        }

        @Override
        public int compareTo(Key o) {
            int c = low.compareHost(o.low);
            return c != 0 ? c : high.compareHost(o.high);
        }
    }

    private final Map<Key, Pair> pairs = new HashMap<>();

    /** A connection between {@code a} and {@code b} opened: its pair, counted. */
    Pair opened(Endpoint a, Endpoint b) {
        Pair p = pairs.computeIfAbsent(Key.of(a, b), Pair::new);
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
