package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compact first-request table against the insertion-ordered map it replaces: the same times
 * found, kept and forgotten, the oldest dropped first under the bound, and idle requests retired
 * except those still waited on.
 */
class FirstRequestsTest {
    private static NlmLockKey key(Random rnd) {
        return new NlmLockKey("10.0.0." + rnd.nextInt(3), "0102" + rnd.nextInt(4), rnd.nextInt(3),
                rnd.nextBoolean() ? null : "6f" + rnd.nextInt(3), rnd.nextInt(5) * 100L, 100, rnd.nextBoolean());
    }

    @Test
    void behavesLikeTheInsertionOrderedMapOfTimes() {
        FirstRequests t = new FirstRequests();
        Map<NlmLockKey, Long> model = new LinkedHashMap<>();
        Random rnd = new Random(7);
        int max = 200;
        for (long now = 1; now <= 40_000; now++) {
            NlmLockKey k = key(rnd);
            switch (rnd.nextInt(4)) {
                case 0, 1 -> {
                    t.putIfAbsent(k, now);
                    model.putIfAbsent(k, now);
                    t.trim(max);
                    while (model.size() > max) {
                        model.remove(model.keySet().iterator().next());
                    }
                }
                case 2 -> assertEquals(model.getOrDefault(k, -now), t.get(k, -now));
                default -> {
                    Long m = model.remove(k);
                    assertEquals(m == null ? -now : m, t.remove(k, -now));
                }
            }
            if (now % 5000 == 0) {
                List<NlmLockKey> waited = new ArrayList<>(model.keySet()).subList(0, Math.min(3, model.size()));
                long cutoff = now - 300;
                t.retireIdle(now, 300, waited);
                model.entrySet().removeIf(e -> e.getValue() < cutoff && !waited.contains(e.getKey()));
            }
            assertEquals(model.size(), t.size());
        }
        for (Map.Entry<NlmLockKey, Long> e : model.entrySet()) {
            assertEquals(e.getValue(), t.get(e.getKey(), -1));
        }
    }
}
