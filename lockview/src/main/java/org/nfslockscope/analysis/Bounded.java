package org.nfslockscope.analysis;

import java.util.Iterator;
import java.util.Map;

/** Tables keyed by request or file must not grow without limit on long captures. */
final class Bounded {
    private Bounded() {
    }

    /** Drops the oldest entries of an insertion-ordered map until it has at most {@code max}. */
    static <K, V> void trim(Map<K, V> map, int max) {
        if (map.size() <= max) {
            return; // the usual case, without an iterator
        }
        Iterator<K> it = map.keySet().iterator();
        while (map.size() > max && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
