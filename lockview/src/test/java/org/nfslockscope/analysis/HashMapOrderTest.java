package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The emulated order against a real hash map keyed by (frame, xid), the table RPC-NO-REPLY reports
 * at the end of a capture used to come from: sorted by frame (ties kept in map order) both list the
 * same keys in the same order, while the map grows, shrinks and has values replaced.
 */
class HashMapOrderTest {
    private record Key(long frame, int xid) {
    }

    @Test
    void listsKeysOfOneFrameInTheOrderOfAHashMap() {
        Random rnd = new Random(3);
        Map<Key, Long> map = new HashMap<>();
        HashMapOrder order = new HashMapOrder();
        long seq = 0;
        int checks = 0;
        for (int step = 0; step < 40_000; step++) {
            // Grow to a few thousand keys, then shrink: the table never shrinks with the map.
            boolean growing = (step / 10_000) % 2 == 0;
            Key k = new Key(rnd.nextInt(300) + (rnd.nextBoolean() ? 0 : 1L << 33), rnd.nextInt());
            if (growing || rnd.nextInt(4) == 0) {
                if (map.containsKey(k)) {
                    map.put(k, map.get(k)); // replaced: keeps its place
                } else {
                    map.put(k, seq++);
                    order.added();
                }
            } else if (!map.isEmpty()) {
                Key gone = map.keySet().iterator().next();
                map.remove(gone);
                order.removed();
            }
            if (step % 997 == 0) {
                List<Key> expected = new ArrayList<>(map.keySet());
                expected.sort(Comparator.comparingLong(Key::frame));
                List<Key> actual = new ArrayList<>(map.keySet());
                actual.sort(Comparator.comparingLong(Key::frame)
                        .thenComparingInt(x -> order.bucket(x.frame(), x.xid()))
                        .thenComparingLong(map::get));
                assertEquals(expected, actual);
                checks++;
            }
        }
        assertEquals(41, checks);
    }
}
