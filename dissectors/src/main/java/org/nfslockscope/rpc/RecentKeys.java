package org.nfslockscope.rpc;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys of a per-request table in a compact layout: parallel primitive arrays for an entry pool
 * whose entries are chained in insertion order (the order a size limit evicts in, as with an
 * insertion-ordered map), indexed by open addressing with backward-shift deletion. A key is two
 * longs and up to two objects compared by {@code equals}; the owner keeps its values in arrays of
 * its own, indexed by entry number and at least {@link #capacity()} long. Tables holding tens of
 * thousands of calls or requests then cost no object per entry, nothing for the collector to trace
 * or promote. The RPC stage's call tables and the lock view's RPC rules share this one table.
 */
public final class RecentKeys {
    public static final int NONE = -1;

    private long[] k1 = new long[16];
    private long[] k2 = new long[16];
    private Object[] k3;
    private Object[] k4;
    private int[] hashes = new int[16];
    private int[] older = new int[16];
    private int[] newer = new int[16];
    /**
     * Per slot, the entry's hash in the high half and its number + 1 in the low half; 0 for an
     * empty slot. With the hash at hand, probing and backward shifts read this array alone rather
     * than the entry arrays, whose places are scattered over a large table.
     */
    private long[] index = new long[32];
    private int oldest = NONE;
    private int newest = NONE;
    private int freeList = NONE;
    private int used;
    private int size;
    /** Index slots examined by lookups and inserts: the table's work, for the linear-time tests. */
    private long probes;
    /**
     * The long parts of a key (xids, connection numbers, programs) come from the capture, and a
     * fixed hash can be inverted: a capture made for it would put thousands of keys in one probe
     * cluster and make every lookup walk it. A seed of each table's own, mixed in by a non-linear
     * step before the parts are combined, spreads any chosen values. It changes where entries sit,
     * never what is found or the insertion order, so no output depends on it. (The object parts'
     * own hash codes are used as they are.)
     */
    private final long seed = ThreadLocalRandom.current().nextLong();

    /** @param objectKeys whether keys carry the two object parts */
    public RecentKeys(boolean objectKeys) {
        k3 = objectKeys ? new Object[16] : null;
        k4 = objectKeys ? new Object[16] : null;
    }

    public int size() {
        return size;
    }

    /** The length the owner's value arrays need to hold every entry number handed out so far. */
    public int capacity() {
        return k1.length;
    }

    /** The oldest entry, or -1 when empty. */
    public int oldest() {
        return oldest;
    }

    /** The entry after {@code e} in insertion order, or -1. */
    public int newer(int e) {
        return newer[e];
    }

    public long k1(int e) {
        return k1[e];
    }

    public long k2(int e) {
        return k2[e];
    }

    /** Index slots examined so far by lookups and inserts. */
    public long probes() {
        return probes;
    }

    private int hash(long a, long b, Object c, Object d) {
        long x = mix(mix(a ^ seed) ^ b);
        int h = (int) (x ^ (x >>> 32));
        h = h * 31 + Objects.hashCode(c);
        h = h * 31 + Objects.hashCode(d);
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** A bijective 64-bit finalizer (xor-shifts and odd multipliers): every input bit moves every output bit. */
    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return x ^ (x >>> 33);
    }

    public int find(long a, long b) {
        return find(a, b, null, null);
    }

    /** The entry of the key, or -1. */
    public int find(long a, long b, Object c, Object d) {
        int h = hash(a, b, c, d);
        int mask = index.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            probes++;
            long v = index[s];
            if (v == 0) {
                return NONE;
            }
            if ((int) (v >>> 32) == h) {
                int e = (int) v - 1;
                if (k1[e] == a && k2[e] == b
                        && (k3 == null || (Objects.equals(k3[e], c) && Objects.equals(k4[e], d)))) {
                    return e;
                }
            }
        }
    }

    public int add(long a, long b) {
        return add(a, b, null, null);
    }

    /** Adds a key as the newest entry and returns its number; the key must not be present. */
    public int add(long a, long b, Object c, Object d) {
        if ((size + 1) * 2 > index.length) {
            rehash(index.length * 2);
        }
        int e = allocate();
        int h = hash(a, b, c, d);
        k1[e] = a;
        k2[e] = b;
        if (k3 != null) {
            k3[e] = c;
            k4[e] = d;
        }
        hashes[e] = h;
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
        int s = h & mask;
        while (index[s] != 0) {
            probes++;
            s = (s + 1) & mask;
        }
        index[s] = slot(h, e);
        return e;
    }

    /** Removes an entry; its number may be handed out again by a later {@link #add}. */
    public void remove(int e) {
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
        if (k3 != null) {
            k3[e] = null;
            k4[e] = null;
        }
        older[e] = freeList;
        freeList = e;
        size--;
    }

    /** Drops the oldest entries until at most {@code max} are left, as a bounded insertion-ordered map does. */
    public void trim(int max) {
        while (size > max) {
            remove(oldest);
        }
    }

    private int allocate() {
        if (freeList != NONE) {
            int e = freeList;
            freeList = older[e];
            return e;
        }
        if (used == k1.length) {
            int n = used * 2;
            k1 = Arrays.copyOf(k1, n);
            k2 = Arrays.copyOf(k2, n);
            if (k3 != null) {
                k3 = Arrays.copyOf(k3, n);
                k4 = Arrays.copyOf(k4, n);
            }
            hashes = Arrays.copyOf(hashes, n);
            older = Arrays.copyOf(older, n);
            newer = Arrays.copyOf(newer, n);
        }
        return used++;
    }

    /** Removes an entry from the index, shifting later probes back so that no tombstone is needed. */
    private void unindex(int e) {
        int mask = index.length - 1;
        int s = hashes[e] & mask;
        while ((int) index[s] != e + 1) {
            s = (s + 1) & mask;
        }
        int hole = s;
        for (int t = (hole + 1) & mask; index[t] != 0; t = (t + 1) & mask) {
            int home = (int) (index[t] >>> 32) & mask;
            // Move the entry into the hole unless its home lies cyclically in (hole, t].
            boolean stays = hole <= t ? (home > hole && home <= t) : (home > hole || home <= t);
            if (!stays) {
                index[hole] = index[t];
                hole = t;
            }
        }
        index[hole] = 0;
    }

    private static long slot(int hash, int e) {
        return (long) hash << 32 | (e + 1);
    }

    private void rehash(int capacity) {
        long[] old = index;
        index = new long[capacity];
        int mask = capacity - 1;
        for (long v : old) {
            if (v != 0) {
                int s = (int) (v >>> 32) & mask;
                while (index[s] != 0) {
                    s = (s + 1) & mask;
                }
                index[s] = v;
            }
        }
    }
}
