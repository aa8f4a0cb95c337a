package org.nfslockscope.rpc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The calls of one TCP connection, kept for pairing replies and recognising retransmissions. A
 * connection keeps thousands of calls, most of them long answered, so they live in parallel
 * primitive arrays rather than as objects: an open-addressing index on (caller side, xid) over an
 * entry pool whose entries are chained in insertion order, the order the size limit evicts in.
 * An unanswered call keeps its {@link CallInfo}, which its reply hands on; once answered, only what
 * a duplicate reply or a later retransmission needs is kept (frame, time, and the header fields as
 * a shared {@link Shape}), and their {@code CallInfo} is rebuilt, equal to the original, on demand.
 */
final class ConnectionCalls {
    /** An RPC call header without its xid: shared by the many answered calls that look alike. */
    private record Shape(int rpcVersion, int program, int version, int procedure, Credential credential,
                         int verifierFlavor, int bodyOffset) {
        static Shape of(RpcCall c) {
            return new Shape(c.rpcVersion(), c.program(), c.version(), c.procedure(), c.credential(),
                    c.verifierFlavor(), c.bodyOffset());
        }
    }

    /** Shares shapes among all connections; bounded, it starts over when full (costs sharing only). */
    static final class Shapes {
        static final int MAX_ENTRIES = 4096;
        private final Map<Shape, Shape> shared = new HashMap<>();

        Shape intern(RpcCall call) {
            Shape s = Shape.of(call);
            Shape first = shared.get(s);
            if (first != null) {
                return first;
            }
            if (shared.size() >= MAX_ENTRIES) {
                shared.clear();
            }
            shared.put(s, s);
            return s;
        }
    }

    private static final byte ANSWERED = 1;
    /** The entry is the very call the cross-connection table remembers under {@link #serial}. */
    private static final byte LINKED = 2;
    private static final byte SIDE_1 = 4;
    private static final int NONE = -1;

    private final Shapes shapes;
    private int[] xids = new int[16];
    private byte[] flags = new byte[16];
    private long[] frames = new long[16];
    private long[] times = new long[16];
    private long[] serials = new long[16];
    private int[] argsHashes = new int[16];
    /** CallInfo while unanswered, Shape once answered. */
    private Object[] calls = new Object[16];
    private int[] older = new int[16];
    private int[] newer = new int[16];
    /** Entry number + 1 per slot, 0 for an empty slot. */
    private int[] index = new int[32];
    private int oldest = NONE;
    private int newest = NONE;
    private int freeList = NONE;
    private int used;
    private int size;
    /** Index slots examined by lookups and inserts: the table's work, for the linear-time tests. */
    private long probes;

    ConnectionCalls(Shapes shapes) {
        this.shapes = shapes;
    }

    int size() {
        return size;
    }

    long probes() {
        return probes;
    }

    /**
     * Xids come from the capture, and a fixed hash can be inverted: a capture made for it would
     * put thousands of calls in one probe cluster. A seed of each table's own, unknown to
     * whoever made the capture, mixed in before a full avalanche, spreads any chosen xids. The
     * seed changes where entries sit, never what is found, so output does not depend on it.
     */
    private final int seed = ThreadLocalRandom.current().nextInt();

    private int hash(int side, int xid) {
        int h = (xid ^ seed) + side * 0x9E3779B9;
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h = (h ^ (h >>> 13)) * 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private int side(int e) {
        return (flags[e] & SIDE_1) != 0 ? 1 : 0;
    }

    /** The entry of the call {@code side} sent with {@code xid}, or -1. */
    int find(int side, int xid) {
        int mask = index.length - 1;
        for (int s = hash(side, xid) & mask; ; s = (s + 1) & mask) {
            probes++;
            int e = index[s] - 1;
            if (e < 0) {
                return NONE;
            }
            if (xids[e] == xid && side(e) == side) {
                return e;
            }
        }
    }

    boolean answered(int e) {
        return (flags[e] & ANSWERED) != 0;
    }

    boolean linked(int e) {
        return (flags[e] & LINKED) != 0;
    }

    long serial(int e) {
        return serials[e];
    }

    int argsHash(int e) {
        return argsHashes[e];
    }

    int program(int e) {
        return calls[e] instanceof CallInfo i ? i.call().program() : ((Shape) calls[e]).program();
    }

    int version(int e) {
        return calls[e] instanceof CallInfo i ? i.call().version() : ((Shape) calls[e]).version();
    }

    int procedure(int e) {
        return calls[e] instanceof CallInfo i ? i.call().procedure() : ((Shape) calls[e]).procedure();
    }

    /** The call as first seen: the kept instance while unanswered, an equal one rebuilt after. */
    CallInfo info(int e) {
        if (calls[e] instanceof CallInfo i) {
            return i;
        }
        Shape s = (Shape) calls[e];
        return new CallInfo(frames[e], times[e], new RpcCall(xids[e], s.rpcVersion(), s.program(), s.version(),
                s.procedure(), s.credential(), s.verifierFlavor(), s.bodyOffset()));
    }

    /** Marks the call answered and keeps from then on only its compact form. */
    void answer(int e) {
        if (calls[e] instanceof CallInfo i) {
            calls[e] = shapes.intern(i.call());
        }
        flags[e] |= ANSWERED;
    }

    /** Adds a call; the caller removes any earlier one under the same key first. */
    void add(int side, CallInfo info, int argsHash, long serial, boolean linked) {
        if ((size + 1) * 2 > index.length) {
            rehash(index.length * 2);
        }
        int e = allocate();
        int xid = info.call().xid();
        xids[e] = xid;
        flags[e] = (byte) ((side == 1 ? SIDE_1 : 0) | (linked ? LINKED : 0));
        frames[e] = info.frame();
        times[e] = info.timeNanos();
        serials[e] = serial;
        argsHashes[e] = argsHash;
        calls[e] = info;
        older[e] = newest;
        newer[e] = NONE;
        if (newest != NONE) {
            newer[newest] = e;
        } else {
            oldest = e;
        }
        newest = e;
        size++;
        int mask = index.length - 1;
        int s = hash(side, xid) & mask;
        while (index[s] != 0) {
            probes++;
            s = (s + 1) & mask;
        }
        index[s] = e + 1;
    }

    /** The oldest entry, or -1 when empty. */
    int oldest() {
        return oldest;
    }

    void remove(int e) {
        unindex(e);
        if (older[e] != NONE) {
            newer[older[e]] = newer[e];
        } else {
            oldest = newer[e];
        }
        if (newer[e] != NONE) {
            older[newer[e]] = older[e];
        } else {
            newest = older[e];
        }
        calls[e] = null;
        older[e] = freeList;
        freeList = e;
        size--;
    }

    /** Number of calls still waiting for a reply. */
    int unanswered() {
        int n = 0;
        for (int e = oldest; e != NONE; e = newer[e]) {
            if (!answered(e)) {
                n++;
            }
        }
        return n;
    }

    private int allocate() {
        if (freeList != NONE) {
            int e = freeList;
            freeList = older[e];
            return e;
        }
        if (used == xids.length) {
            int n = used * 2;
            xids = Arrays.copyOf(xids, n);
            flags = Arrays.copyOf(flags, n);
            frames = Arrays.copyOf(frames, n);
            times = Arrays.copyOf(times, n);
            serials = Arrays.copyOf(serials, n);
            argsHashes = Arrays.copyOf(argsHashes, n);
            calls = Arrays.copyOf(calls, n);
            older = Arrays.copyOf(older, n);
            newer = Arrays.copyOf(newer, n);
        }
        return used++;
    }

    /** Removes an entry from the index, shifting later probes back so that no tombstone is needed. */
    private void unindex(int e) {
        int mask = index.length - 1;
        int s = hash(side(e), xids[e]) & mask;
        while (index[s] != e + 1) {
            s = (s + 1) & mask;
        }
        int hole = s;
        for (int t = (hole + 1) & mask; index[t] != 0; t = (t + 1) & mask) {
            int o = index[t] - 1;
            int home = hash(side(o), xids[o]) & mask;
            // Move o into the hole unless its home lies cyclically in (hole, t].
            boolean stays = hole <= t ? (home > hole && home <= t) : (home > hole || home <= t);
            if (!stays) {
                index[hole] = index[t];
                hole = t;
            }
        }
        index[hole] = 0;
    }

    private void rehash(int capacity) {
        index = new int[capacity];
        int mask = capacity - 1;
        for (int e = oldest; e != NONE; e = newer[e]) {
            int s = hash(side(e), xids[e]) & mask;
            while (index[s] != 0) {
                s = (s + 1) & mask;
            }
            index[s] = e + 1;
        }
    }
}
