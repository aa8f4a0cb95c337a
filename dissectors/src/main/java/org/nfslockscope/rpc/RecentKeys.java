package org.nfslockscope.rpc;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys of a per-request table in a compact layout: an entry pool whose entries are chained in
 * insertion order (the order a size limit evicts in, as with an insertion-ordered map), indexed by
 * open addressing with backward-shift deletion. A key is two longs and up to two objects compared
 * by {@code equals}. Tables holding tens of thousands of calls or requests then cost no object per
 * entry, nothing for the collector to trace or promote. The RPC stage's call tables and the lock
 * view's RPC rules share this one table.
 *
 * <p>An entry's fields sit side by side in one {@code long[]} (key, insertion-order links, hash,
 * then the owner's values), its object parts likewise in one {@code Object[]}: with tables of
 * tens of thousands of entries every field read is a likely cache miss, and one entry then costs
 * one or two cache lines instead of one per field. The owner keeps its values either in the entry
 * itself ({@link #value}, {@link #tag}, {@link #object}: same cache lines, no arrays of its own) or
 * in arrays of its own indexed by entry number and at least {@link #capacity()} long.
 *
 * <p>The pool grows by doubling up to one page of {@value #PAGE} entries and by whole pages after:
 * growing a full table leaves no large array behind, which in a long capture would be promoted
 * and then stay in the old generation as garbage until a full collection.
 */
public final class RecentKeys {
    public static final int NONE = -1;

    private static final int PAGE_BITS = 10;
    static final int PAGE = 1 << PAGE_BITS;
    private static final int FIRST = 16;
    private static final long LOW = 0xFFFFFFFFL;

    /**
     * Words of an entry: the key's long parts (one word when both are ints), then older | newer
     * << 32, then hash | tag << 32, then the owner's longs. (Computing the hash again on removal
     * instead of keeping it measured slower: the index slot to load waits for it.)
     */
    private final boolean narrow;
    private final int links;
    private final int hashAt;
    private final int values;
    private final int stride;
    private final int objectStride;
    private final boolean objectKeys;
    private long[][] pages = new long[1][];
    private Object[][] objectPages;
    /** Entries the pages have room for. */
    private int room = FIRST;
    /** What {@link #capacity()} reports: doubling, so that owners' arrays grow geometrically. */
    private int capacity = FIRST;
    /**
     * Per slot, the entry's hash in the high half and its number + 1 in the low half; 0 for an
     * empty slot. With the hash at hand, probing and backward shifts read this array alone rather
     * than the entries, whose places are scattered over a large table. Null while the index is
     * {@link #smallIndex}.
     */
    private long[] index;
    /**
     * The index while it has at most 2^{@value #SMALL_BITS} slots (tables up to 8192 entries, such
     * as a connection's calls), at half the memory: with 2^k slots an entry number + 1 fits in
     * the low k bits, and the hash's low 32 - k bits (its home slot and a few more) in the rest.
     */
    private int[] smallIndex = new int[32];
    /** log2 of the small index's length. */
    private int bits = 5;
    private static final int SMALL_BITS = 14;
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
     * own hash codes are used as they are: endpoints, the object parts of every such key, seed
     * theirs.)
     */
    private final long seed = ThreadLocalRandom.current().nextLong();
    /**
     * Whether entries sit where their key's order puts them rather than where the seeded hash
     * does (see {@link #RecentKeys(boolean, boolean, boolean, int, int)}); false from the first
     * long probe sequence on, for good.
     */
    private boolean ordered;
    /** Slots an ordered table may probe or shift over in one operation before it turns to the seeded hash. */
    static final int ORDERED_RUN = 16;

    /** @param objectKeys whether keys carry the two object parts */
    public RecentKeys(boolean objectKeys) {
        this(objectKeys, false, false, 0, 0);
    }

    /**
     * @param objectKeys whether keys carry the two object parts
     * @param narrow whether both long parts of every key are ints (they then share one word)
     * @param ordered whether keys come mostly in the order of their second part (a connection's
     *     xids count up): entries then sit in that order (2 x second part + first part, plus the
     *     seed), so that the next key's slot and the oldest key's slot lie next to those used last
     *     rather than anywhere in a large index. Such a placement can be forced by the capture, so
     *     the first lookup, insert or removal that meets a run of more than {@value #ORDERED_RUN}
     *     slots turns the table to the seeded hash for good; work stays linear.
     * @param longValues longs the owner keeps in each entry ({@link #value})
     * @param objectValues objects the owner keeps in each entry ({@link #object}), cleared on removal
     */
    public RecentKeys(boolean objectKeys, boolean narrow, boolean ordered, int longValues, int objectValues) {
        this.objectKeys = objectKeys;
        this.ordered = ordered && !objectKeys;
        this.narrow = narrow;
        this.links = narrow ? 1 : 2;
        this.hashAt = links + 1;
        this.values = links + 2;
        this.stride = values + longValues;
        this.objectStride = (objectKeys ? 2 : 0) + objectValues;
        pages[0] = new long[FIRST * stride];
        if (objectStride > 0) {
            objectPages = new Object[1][];
            objectPages[0] = new Object[FIRST * objectStride];
        }
    }

    public int size() {
        return size;
    }

    /** The length the owner's value arrays need to hold every entry number handed out so far. */
    public int capacity() {
        return capacity;
    }

    /** The oldest entry, or -1 when empty. */
    public int oldest() {
        return oldest;
    }

    /** The entry after {@code e} in insertion order, or -1. */
    public int newer(int e) {
        return (int) (pages[e >>> PAGE_BITS][at(e) + links] >>> 32);
    }

    public long k1(int e) {
        long k = pages[e >>> PAGE_BITS][at(e)];
        return narrow ? k >> 32 : k;
    }

    public long k2(int e) {
        long[] p = pages[e >>> PAGE_BITS];
        return narrow ? (int) p[at(e)] : p[at(e) + 1];
    }

    /** The owner's {@code i}th long of entry {@code e}. */
    public long value(int e, int i) {
        return pages[e >>> PAGE_BITS][at(e) + values + i];
    }

    public void value(int e, int i, long v) {
        pages[e >>> PAGE_BITS][at(e) + values + i] = v;
    }

    /** The owner's int of entry {@code e}, kept beside the entry's hash. */
    public int tag(int e) {
        return (int) (pages[e >>> PAGE_BITS][at(e) + hashAt] >>> 32);
    }

    public void tag(int e, int v) {
        long[] p = pages[e >>> PAGE_BITS];
        int w = at(e) + hashAt;
        p[w] = p[w] & LOW | (long) v << 32;
    }

    /** The owner's {@code i}th object of entry {@code e}. */
    public Object object(int e, int i) {
        return objectPages[e >>> PAGE_BITS][objectAt(e) + (objectKeys ? 2 : 0) + i];
    }

    public void object(int e, int i, Object v) {
        objectPages[e >>> PAGE_BITS][objectAt(e) + (objectKeys ? 2 : 0) + i] = v;
    }

    /** Index slots examined so far by lookups and inserts. */
    public long probes() {
        return probes;
    }

    private int at(int e) {
        return (e & (PAGE - 1)) * stride;
    }

    private int objectAt(int e) {
        return (e & (PAGE - 1)) * objectStride;
    }

    /** Whether entries still sit in key order (for tests). */
    boolean ordered() {
        return ordered;
    }

    private int hash(long a, long b, Object c, Object d) {
        if (ordered) {
            return (int) (2 * b + a + seed);
        }
        return spreadHash(a, b, c, d);
    }

    private int spreadHash(long a, long b, Object c, Object d) {
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
        int[] small = smallIndex;
        if (small != null) {
            return findSmall(small, h, a, b, c, d);
        }
        long[] index = this.index;
        int mask = index.length - 1;
        int s = h & mask;
        int found = NONE;
        for (int n = 0; ; s = (s + 1) & mask, n++) {
            probes++;
            long v = index[s];
            if (v == 0) {
                break;
            }
            // The hash first, then the entry.
            if ((int) (v >>> 32) == h && matches((int) v - 1, a, b, c, d)) {
                found = (int) v - 1;
                break;
            }
        }
        checkRun(s - (h & mask) & mask);
        return found;
    }

    /** Turns an ordered table to the seeded hash once an operation met a long run. */
    private void checkRun(int run) {
        if (run > ORDERED_RUN && ordered) {
            ordered = false;
            for (int e = oldest; e != NONE; e = newer(e)) {
                long[] p = pages[e >>> PAGE_BITS];
                int w = at(e) + hashAt;
                p[w] = p[w] & ~LOW | spreadHash(k1(e), k2(e), null, null) & LOW;
            }
            rehash(slots());
        }
    }

    private int findSmall(int[] index, int h, long a, long b, Object c, Object d) {
        int mask = index.length - 1;
        int k = bits;
        int hashBits = h & (-1 >>> k);
        int s = h & mask;
        int found = NONE;
        for (; ; s = (s + 1) & mask) {
            probes++;
            int v = index[s];
            if (v == 0) {
                break;
            }
            if (v >>> k == hashBits && matches((v & mask) - 1, a, b, c, d)) {
                found = (v & mask) - 1;
                break;
            }
        }
        checkRun(s - (h & mask) & mask);
        return found;
    }

    /** The entry's longs (one cache line), its objects last. */
    private boolean matches(int e, long a, long b, Object c, Object d) {
        long[] p = pages[e >>> PAGE_BITS];
        int w = at(e);
        return narrow ? p[w] == (a << 32 | b & LOW)
                : p[w] == a && p[w + 1] == b && (!objectKeys || sameObjects(e, c, d));
    }

    private boolean sameObjects(int e, Object c, Object d) {
        Object[] p = objectPages[e >>> PAGE_BITS];
        int w = objectAt(e);
        return Objects.equals(p[w], c) && Objects.equals(p[w + 1], d);
    }

    public int add(long a, long b) {
        return add(a, b, null, null);
    }

    /** Adds a key as the newest entry and returns its number; the key must not be present. */
    public int add(long a, long b, Object c, Object d) {
        if ((size + 1) * 2 > slots()) {
            rehash(slots() * 2);
        }
        int e = allocate();
        int h = hash(a, b, c, d);
        long[] p = pages[e >>> PAGE_BITS];
        int w = at(e);
        if (narrow) {
            p[w] = a << 32 | b & LOW;
        } else {
            p[w] = a;
            p[w + 1] = b;
        }
        p[w + links] = links(newest, NONE);
        p[w + hashAt] = h & LOW;
        if (objectKeys) {
            Object[] o = objectPages[e >>> PAGE_BITS];
            int ow = objectAt(e);
            o[ow] = c;
            o[ow + 1] = d;
        }
        if (newest != NONE) {
            setNewer(newest, e);
        } else {
            oldest = e;
        }
        newest = e;
        size++;
        int[] small = smallIndex;
        if (small != null) {
            int mask = small.length - 1;
            int s = h & mask;
            while (small[s] != 0) {
                probes++;
                s = (s + 1) & mask;
            }
            small[s] = h << bits | (e + 1);
            checkRun(s - (h & mask) & mask);
            return e;
        }
        long[] index = this.index;
        int mask = index.length - 1;
        int s = h & mask;
        while (index[s] != 0) {
            probes++;
            s = (s + 1) & mask;
        }
        index[s] = slot(h, e);
        checkRun(s - (h & mask) & mask);
        return e;
    }

    private int slots() {
        return smallIndex != null ? smallIndex.length : index.length;
    }

    private static long links(int older, int newer) {
        return older & LOW | (long) newer << 32;
    }

    private void setNewer(int e, int newer) {
        long[] p = pages[e >>> PAGE_BITS];
        int w = at(e) + links;
        p[w] = p[w] & LOW | (long) newer << 32;
    }

    private void setOlder(int e, int older) {
        long[] p = pages[e >>> PAGE_BITS];
        int w = at(e) + links;
        p[w] = p[w] & ~LOW | older & LOW;
    }

    /** Removes an entry; its number may be handed out again by a later {@link #add}. */
    public void remove(int e) {
        long[] p = pages[e >>> PAGE_BITS];
        int w = at(e);
        int run = unindex(e, (int) p[w + hashAt]);
        long l = p[w + links];
        int older = (int) l;
        int newer = (int) (l >>> 32);
        if (older != NONE) {
            setNewer(older, newer);
        } else {
            oldest = newer;
        }
        if (newer != NONE) {
            setOlder(newer, older);
        } else {
            newest = older;
        }
        if (objectStride > 0) {
            Arrays.fill(objectPages[e >>> PAGE_BITS], objectAt(e), objectAt(e) + objectStride, null);
        }
        p[w + links] = links(freeList, NONE);
        freeList = e;
        size--;
        checkRun(run);
    }

    /**
     * A table with the same entries in the same order, the owner's values in them included, in a
     * pool and index sized for those entries alone: a table keeps its arrays at the largest it
     * ever needed, so once most of a large one has gone this gives that memory back. Entry
     * numbers change, so the owner must hold no arrays of its own indexed by them.
     */
    RecentKeys compacted() {
        int ownObjects = objectStride - (objectKeys ? 2 : 0);
        RecentKeys c = new RecentKeys(objectKeys, narrow, ordered, stride - values, ownObjects);
        for (int e = oldest; e != NONE; e = newer(e)) {
            Object a = null;
            Object b = null;
            if (objectKeys) {
                Object[] o = objectPages[e >>> PAGE_BITS];
                a = o[objectAt(e)];
                b = o[objectAt(e) + 1];
            }
            int n = c.add(k1(e), k2(e), a, b);
            c.tag(n, tag(e));
            for (int i = 0; i < stride - values; i++) {
                c.value(n, i, value(e, i));
            }
            for (int i = 0; i < ownObjects; i++) {
                c.object(n, i, object(e, i));
            }
        }
        c.probes = probes;
        return c;
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
            freeList = (int) pages[e >>> PAGE_BITS][at(e) + links];
            return e;
        }
        if (used == room) {
            grow();
        }
        if (used == capacity) {
            capacity *= 2;
        }
        return used++;
    }

    /** Doubles the first page up to its full size, then adds whole pages: no large array is dropped. */
    private void grow() {
        if (room < PAGE) {
            room *= 2;
            pages[0] = Arrays.copyOf(pages[0], room * stride);
            if (objectStride > 0) {
                objectPages[0] = Arrays.copyOf(objectPages[0], room * objectStride);
            }
            return;
        }
        int page = room >>> PAGE_BITS;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, page * 2);
            if (objectStride > 0) {
                objectPages = Arrays.copyOf(objectPages, page * 2);
            }
        }
        pages[page] = new long[PAGE * stride];
        if (objectStride > 0) {
            objectPages[page] = new Object[PAGE * objectStride];
        }
        room += PAGE;
    }

    /**
     * Removes an entry from the index, shifting later probes back so that no tombstone is needed;
     * returns the length of the run walked, from the entry's home slot to the empty slot that ends it.
     */
    private int unindex(int e, int hash) {
        if (smallIndex != null) {
            return unindexSmall(e, hash);
        }
        long[] index = this.index;
        int mask = index.length - 1;
        int s = hash & mask;
        while ((int) index[s] != e + 1) {
            s = (s + 1) & mask;
        }
        int hole = s;
        int t = (hole + 1) & mask;
        for (; index[t] != 0; t = (t + 1) & mask) {
            int home = (int) (index[t] >>> 32) & mask;
            if (!homeAfterHole(home, hole, t)) {
                index[hole] = index[t];
                hole = t;
            }
        }
        index[hole] = 0;
        return t - (hash & mask) & mask;
    }

    /**
     * Whether an entry found at slot {@code t} with home slot {@code home} must stay where it is
     * when slot {@code hole} empties: its home lies cyclically in (hole, t], so the hole is not on
     * its probe path. Otherwise it moves into the hole (backward-shift deletion).
     */
    private static boolean homeAfterHole(int home, int hole, int t) {
        return hole <= t ? (home > hole && home <= t) : (home > hole || home <= t);
    }

    private static long slot(int hash, int e) {
        return (long) hash << 32 | (e + 1);
    }

    private int unindexSmall(int e, int hash) {
        int[] index = smallIndex;
        int mask = index.length - 1;
        int k = bits;
        int s = hash & mask;
        while ((index[s] & mask) != e + 1) {
            s = (s + 1) & mask;
        }
        int hole = s;
        int t = (hole + 1) & mask;
        for (; index[t] != 0; t = (t + 1) & mask) {
            int home = index[t] >>> k & mask;
            if (!homeAfterHole(home, hole, t)) {
                index[hole] = index[t];
                hole = t;
            }
        }
        index[hole] = 0;
        return t - (hash & mask) & mask;
    }

    /** Builds the index anew with {@code capacity} slots from the entries' own hashes. */
    private void rehash(int capacity) {
        int k = Integer.numberOfTrailingZeros(capacity);
        int mask = capacity - 1;
        if (k <= SMALL_BITS) {
            int[] small = new int[capacity];
            for (int e = oldest; e != NONE; e = newer(e)) {
                int h = (int) pages[e >>> PAGE_BITS][at(e) + hashAt];
                int s = h & mask;
                while (small[s] != 0) {
                    s = (s + 1) & mask;
                }
                small[s] = h << k | (e + 1);
            }
            smallIndex = small;
            bits = k;
            return;
        }
        long[] index = new long[capacity];
        for (int e = oldest; e != NONE; e = newer(e)) {
            int h = (int) pages[e >>> PAGE_BITS][at(e) + hashAt];
            int s = h & mask;
            while (index[s] != 0) {
                s = (s + 1) & mask;
            }
            index[s] = slot(h, e);
        }
        smallIndex = null;
        this.index = index;
    }
}
