package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nfslockscope.net.Endpoint;

/**
 * The compact table behind every RPC call table (per connection, UDP, by host pair) and the
 * lock view's RPC rules. Its keys' long parts come from the capture: keys whose 32-bit folds are
 * all equal (a program in the high half, an xid in the low half, chosen so that their xor is
 * constant) gave an unseeded hash one value for all of them, and every lookup walked one cluster.
 * The probe count at N and 8N such keys must grow about eight times, not sixty-four.
 */
class RecentKeysFloodingTest {
    private static final Endpoint CLIENT = Endpoint.parse("10.0.0.2", 800);
    private static final Endpoint SERVER = Endpoint.parse("10.0.0.1", 2049);

    /** All of them fold to the same int: Long.hashCode(k) == 0x5eed for every p. */
    private static long collidingKey(int p) {
        return (long) p << 32 | ((0x5eed ^ p) & 0xFFFFFFFFL);
    }

    private static long probes(int n, boolean objectKeys) {
        RecentKeys t = new RecentKeys(objectKeys);
        Object c = objectKeys ? CLIENT : null;
        Object d = objectKeys ? SERVER : null;
        for (int p = 1; p <= n; p++) {
            assertEquals(RecentKeys.NONE, t.find(-1, collidingKey(p), c, d));
            t.add(-1, collidingKey(p), c, d);
        }
        for (int p = 1; p <= n; p++) {
            assertTrue(t.find(-1, collidingKey(p), c, d) >= 0);
        }
        assertEquals(n, t.size());
        return t.probes();
    }

    @Test
    void keysFoldingToOneHashCostLinearWork() {
        assertEquals(Long.hashCode(collidingKey(1)), Long.hashCode(collidingKey(12345)), "the keys fold alike");
        for (boolean objectKeys : new boolean[] {false, true}) {
            // Each table has a seed of its own, and one table's probe count varies by several
            // per cent from seed to seed: eight tables of each size keep that spread well inside
            // the margin of the bound.
            long small = 0;
            long large = 0;
            for (int table = 0; table < 8; table++) {
                small += probes(2000, objectKeys);
                large += probes(16000, objectKeys);
            }
            System.out.println("linear work: colliding RecentKeys keys (objects " + objectKeys + "): N " + small
                    + ", 8N " + large);
            assertTrue(large <= 9 * small, "probes " + small + " at N but " + large + " at 8N");
        }
    }
}
