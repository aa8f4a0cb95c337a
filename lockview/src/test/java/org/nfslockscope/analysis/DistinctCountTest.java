package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistinctCountTest {

    @Test
    void exactUpToTheLimitWithRepeatsCountedOnce() {
        DistinctCount c = new DistinctCount(1000);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 1000; i++) {
                c.add("10.0.0.1/host-" + i);
            }
        }
        assertEquals(1000, c.count());
        assertEquals(1000, c.kept());
    }

    @Test
    void pastTheLimitItKeepsNoStringsAndEstimatesWithinOnePercent() {
        DistinctCount c = new DistinctCount(1000);
        int distinct = 300_000;
        for (int i = 0; i < distinct; i++) {
            c.add("10.0.0.1/0x" + Long.toHexString(0x5f000000_00000000L + i));
            if (i % 3 == 0) {
                c.add("10.0.0.1/0x" + Long.toHexString(0x5f000000_00000000L + i / 2)); // a repeat
            }
        }
        assertEquals(0, c.kept());
        int n = c.count();
        assertTrue(Math.abs(n - distinct) < distinct / 100, n + " for " + distinct);
    }
}
