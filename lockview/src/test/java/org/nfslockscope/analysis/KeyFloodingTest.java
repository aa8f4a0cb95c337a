package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * File handles are capture data, and texts with one hash code are easy to make ("Aa" and "BB"
 * hash alike, and so do all strings built from such pairs; hex texts collide in longer blocks
 * the same way). A hash map keeps colliding keys in
 * a tree bin, searched in O(log n) only when the key orders itself consistently with equals:
 * the view's file key must, or a capture of colliding handles costs n squared lookups.
 */
class KeyFloodingTest {
    /** 2^k distinct texts of one hash code: every choice of "Aa" or "BB" for k pairs. */
    private static List<String> colliding(int k) {
        List<String> out = new ArrayList<>();
        for (int bits = 0; bits < 1 << k; bits++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < k; i++) {
                b.append((bits >> i & 1) == 0 ? "Aa" : "BB");
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void fileKeysWithOneHashCodeOrderThemselves() {
        List<ViewState.FileKey> keys = new ArrayList<>();
        for (String fh : colliding(10)) {
            keys.add(new ViewState.FileKey("10.0.0.1", fh));
        }
        assertEquals(1, keys.stream().mapToInt(Object::hashCode).distinct().count(), "the keys collide");
        assertTrue(Comparable.class.isAssignableFrom(ViewState.FileKey.class));
        Map<ViewState.FileKey, Integer> map = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), i);
        }
        for (int i = 0; i < keys.size(); i++) {
            ViewState.FileKey a = keys.get(i);
            assertEquals(i, map.get(new ViewState.FileKey("10.0.0.1", a.fh())));
            if (i > 0) {
                int ab = a.compareTo(keys.get(i - 1));
                assertTrue(ab != 0 && Integer.signum(ab) == -Integer.signum(keys.get(i - 1).compareTo(a)));
            }
        }
        assertEquals(0, new ViewState.FileKey(null, "x").compareTo(new ViewState.FileKey(null, "x")));
    }
}
