package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nfslockscope.net.Endpoint;

/**
 * The compact key table against the insertion-ordered map the RPC rules used before: the same keys
 * found, the same values kept by entry number, the same eviction order under a size bound, both
 * for two-long keys and for keys with endpoint parts compared by value.
 */
class RecentKeysTest {
    private record Key(long a, long b, Endpoint c, Endpoint d) {
    }

    private static final Endpoint[] ENDPOINTS = {
        new Endpoint(new byte[] {10, 0, 0, 1}, 2049), new Endpoint(new byte[] {10, 0, 0, 2}, 700),
        new Endpoint(new byte[16], 2049), null,
    };

    /** A fresh but equal endpoint, so that the table must compare by value. */
    private static Endpoint copy(Endpoint e) {
        return e == null ? null : new Endpoint(e.address(), e.port());
    }

    @Test
    void behavesLikeABoundedInsertionOrderedMapWithTwoLongKeys() {
        check(new RecentKeys(false), false, false, 11);
    }

    /** Keys of two ints, negative ones included, packed in one word. */
    @Test
    void behavesLikeABoundedInsertionOrderedMapWithNarrowKeys() {
        check(new RecentKeys(false, true, false, 1, 0), false, true, 14);
    }

    /** The same placed in key order: these keys collide there, so the table turns to the seeded hash. */
    @Test
    void behavesLikeABoundedInsertionOrderedMapWithOrderedKeys() {
        RecentKeys t = new RecentKeys(false, true, true, 1, 0);
        check(t, false, true, 16);
        assertTrue(!t.ordered());
    }

    @Test
    void behavesLikeABoundedInsertionOrderedMapWithEndpointKeys() {
        check(new RecentKeys(true), true, false, 12);
    }

    private static void check(RecentKeys t, boolean objects, boolean narrow, long seed) {
        LinkedHashMap<Key, Long> model = new LinkedHashMap<>();
        long[] values = new long[0];
        Random rnd = new Random(seed);
        int max = 500;
        for (long step = 1; step <= 60_000; step++) {
            // Few distinct keys, so that they repeat, collide and get replaced often; negative
            // numbers and equal hashes of the long parts included.
            long a = rnd.nextInt(40) - 5;
            long b = narrow ? rnd.nextInt(60) - 30 + (rnd.nextBoolean() ? 0 : Integer.MIN_VALUE)
                    : rnd.nextBoolean() ? rnd.nextInt(60) : (long) rnd.nextInt(3) << 32 | rnd.nextInt(60);
            Endpoint c = objects ? ENDPOINTS[rnd.nextInt(ENDPOINTS.length)] : null;
            Endpoint d = objects ? ENDPOINTS[rnd.nextInt(ENDPOINTS.length)] : null;
            Key k = new Key(a, b, c, d);
            int e = objects ? t.find(a, b, copy(c), copy(d)) : t.find(a, b);
            Long m = model.get(k);
            assertEquals(m != null, e >= 0);
            if (m != null) {
                assertEquals(m.longValue(), values[e]);
                assertEquals(a, t.k1(e));
                assertEquals(b, t.k2(e));
            }
            switch (rnd.nextInt(4)) {
                case 0 -> { // overwrite in place: the place in the order stays
                    if (e >= 0) {
                        values[e] = step;
                        model.put(k, step);
                    }
                }
                case 1 -> { // remove
                    if (e >= 0) {
                        t.remove(e);
                        model.remove(k);
                    }
                }
                default -> { // move to newest, as a rule does for a repeated key
                    if (e >= 0) {
                        t.remove(e);
                        model.remove(k);
                    }
                    int n = objects ? t.add(a, b, c, d) : t.add(a, b);
                    if (values.length < t.capacity()) {
                        values = java.util.Arrays.copyOf(values, t.capacity());
                    }
                    values[n] = step;
                    model.put(k, step);
                    t.trim(max);
                    trim(model, max);
                }
            }
            assertEquals(model.size(), t.size());
        }
        List<Long> order = new ArrayList<>();
        for (int e = t.oldest(); e != RecentKeys.NONE; e = t.newer(e)) {
            order.add(values[e]);
        }
        assertEquals(new ArrayList<>(model.values()), order);
        assertTrue(model.size() > max / 2);
        for (Map.Entry<Key, Long> en : model.entrySet()) {
            Key k = en.getKey();
            assertTrue(t.find(k.a(), k.b(), k.c(), k.d()) >= 0);
        }
        t.trim(0);
        assertEquals(0, t.size());
        assertEquals(RecentKeys.NONE, t.oldest());
    }

    /**
     * Past one page of entries, with the owner's values kept in the entries: a long, the tag and an
     * object per entry must follow their key through growth, reuse of freed numbers and eviction.
     */
    @Test
    void keepsValuesInTheEntryAcrossPages() {
        keepsValuesInTheEntry(5 * RecentKeys.PAGE + 17, 13);
    }

    /** The same past 8192 entries, where the index changes from int to long slots. */
    @Test
    void keepsValuesInTheEntryPastTheSmallIndex() {
        keepsValuesInTheEntry(20_000, 15);
    }

    private static void keepsValuesInTheEntry(int max, long seed) {
        RecentKeys t = new RecentKeys(true, false, false, 2, 1);
        LinkedHashMap<Key, Long> model = new LinkedHashMap<>();
        Random rnd = new Random(seed);
        for (long step = 1; step <= 80_000; step++) {
            long a = rnd.nextInt(3000);
            long b = rnd.nextInt(4);
            Endpoint c = ENDPOINTS[rnd.nextInt(ENDPOINTS.length)];
            Key k = new Key(a, b, c, null);
            int e = t.find(a, b, copy(c), null);
            Long m = model.get(k);
            assertEquals(m != null, e >= 0);
            if (m != null) {
                assertEquals(m.longValue(), t.value(e, 1));
                assertEquals(~m.longValue(), t.value(e, 0));
                assertEquals((int) (m * 31), t.tag(e));
                assertEquals(m, t.object(e, 0));
                assertEquals(a, t.k1(e));
                assertEquals(b, t.k2(e));
                if (rnd.nextInt(3) == 0) {
                    t.remove(e);
                    model.remove(k);
                    continue;
                }
                t.remove(e);
                model.remove(k);
            }
            int n = t.add(a, b, c, null);
            assertTrue(n < t.capacity());
            assertEquals(null, t.object(n, 0));
            t.value(n, 0, ~step);
            t.value(n, 1, step);
            t.tag(n, (int) (step * 31));
            t.object(n, 0, step);
            model.put(k, step);
            t.trim(max);
            trim(model, max);
            assertEquals(model.size(), t.size());
        }
        assertTrue(model.size() > max * 9 / 10, "the table filled up to its bound");
        for (Map.Entry<Key, Long> en : model.entrySet()) {
            Key k = en.getKey();
            assertEquals(en.getValue(), t.object(t.find(k.a(), k.b(), k.c(), k.d()), 0));
        }
        List<Long> order = new ArrayList<>();
        for (int e = t.oldest(); e != RecentKeys.NONE; e = t.newer(e)) {
            order.add(t.value(e, 1));
        }
        assertEquals(new ArrayList<>(model.values()), order);
    }

    /**
     * A table that grew large and then lost most of its entries, compacted: the same entries in
     * the same order with the same values, smaller arrays, and it goes on like the original.
     */
    @Test
    void aCompactedTableHoldsTheSameEntriesInLessMemory() {
        for (boolean objectKeys : new boolean[] {false, true}) {
            RecentKeys t = objectKeys ? new RecentKeys(true, false, false, 2, 1) : new RecentKeys(false, true, true, 2, 1);
            for (int i = 0; i < 5000; i++) {
                int n = t.add(i % 2, 100 + i, objectKeys ? ENDPOINTS[i % ENDPOINTS.length] : null, null);
                t.value(n, 0, ~i);
                t.value(n, 1, i);
                t.tag(n, i * 31);
                t.object(n, 0, "call " + i);
            }
            t.trim(300);
            int before = t.capacity();
            RecentKeys c = t.compacted();
            assertTrue(c.capacity() <= 512 && c.capacity() < before, c.capacity() + " after " + before);
            assertEquals(300, c.size());
            int i = 4700;
            for (int e = c.oldest(); e != RecentKeys.NONE; e = c.newer(e), i++) {
                assertEquals(i % 2, c.k1(e));
                assertEquals(100 + i, c.k2(e));
                assertEquals(~i, c.value(e, 0));
                assertEquals(i, c.value(e, 1));
                assertEquals(i * 31, c.tag(e));
                assertEquals("call " + i, c.object(e, 0));
                Object ep = objectKeys ? ENDPOINTS[i % ENDPOINTS.length] : null;
                assertEquals(e, c.find(i % 2, 100 + i, ep == null ? null : copy((Endpoint) ep), null));
            }
            assertEquals(5000, i);
            assertEquals(RecentKeys.NONE, c.find(1, 100 + 4699, objectKeys ? ENDPOINTS[4699 % ENDPOINTS.length] : null,
                    null), "a trimmed entry stays gone");
            int n = c.add(0, 99_999, objectKeys ? ENDPOINTS[0] : null, null);
            assertEquals(n, c.find(0, 99_999, objectKeys ? ENDPOINTS[0] : null, null));
            c.remove(c.oldest());
            assertEquals(300, c.size());
        }
    }

    /** The model's size bound: the oldest entries go first. */
    private static void trim(Map<Key, Long> model, int max) {
        Iterator<Key> it = model.keySet().iterator();
        while (model.size() > max) {
            it.next();
            it.remove();
        }
    }
}
