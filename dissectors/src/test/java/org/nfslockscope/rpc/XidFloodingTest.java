package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The per-connection call table is open addressing on (side, xid), and xids are whatever the
 * capture says. With a fixed, invertible hash whoever makes the capture can pick xids that all
 * land in one slot, and every lookup then walks a cluster of thousands. The table's probe count
 * at N and 8N such xids must grow about eight times, not sixty-four.
 */
class XidFloodingTest {
    /** The multiplier of the table's mixing step before it was seeded per table. */
    private static final int GOLDEN = 0x9E3779B9;

    /** The xid the unseeded hash {@code h = x * GOLDEN; h ^ (h >>> 16)} maps to {@code g}, side 0. */
    private static int xidHashingTo(int g) {
        int h = g ^ (g >>> 16);
        int inverse = GOLDEN;
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - GOLDEN * inverse; // Newton's iteration for the inverse mod 2^32
        }
        return h * inverse;
    }

    private static long probes(int n) {
        ConnectionCalls t = new ConnectionCalls(new ConnectionCalls.Shapes());
        Credential cred = new Credential.Sys(1, "client", 0, 0, new long[] {0});
        for (int i = 1; i <= n; i++) {
            // every hash a multiple of 2^16: one home slot for any table of up to 65,536 slots
            int xid = xidHashingTo(i << 16);
            if (t.find(0, xid) < 0) {
                t.add(0, new CallInfo(i, i, new RpcCall(xid, 2, 100003, 4, 0, cred, 0, 40)), 0, 0, false);
            }
        }
        for (int i = 1; i <= n; i++) {
            assertTrue(t.find(0, xidHashingTo(i << 16)) >= 0);
        }
        assertEquals(n, t.size());
        return t.probes();
    }

    @Test
    void xidsChosenToCollideCostLinearWork() {
        assertEquals(0, (xidHashingTo(5 << 16) * GOLDEN ^ (xidHashingTo(5 << 16) * GOLDEN >>> 16)) & 0xffff,
                "the chosen xids did collide under the fixed hash");
        long small = probes(1000);
        long large = probes(8000);
        System.out.println("linear work: xids colliding in the call table: N " + small + ", 8N " + large);
        assertTrue(large <= 9 * small, "probes " + small + " at N but " + large + " at 8N");
    }
}
