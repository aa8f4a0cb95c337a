package org.nfslockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Endpoint hash codes: equal for equal endpoints, and spread for endpoints that differ in step,
 * the way generated clients and a data centre's numbering do.
 */
class EndpointHashTest {
    /** The bucket a {@code HashMap} of {@code buckets} (a power of two) puts a hash code in. */
    private static int bucket(int h, int buckets) {
        return (h ^ (h >>> 16)) & (buckets - 1);
    }

    @Test
    void equalEndpointsHashAlikeWhateverTheirArrays() {
        Endpoint a = Endpoint.parse("10.0.0.7", 2049);
        Endpoint b = new Endpoint(new byte[] {10, 0, 0, 7}, 2049);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.hostOnly().hashCode(), Endpoint.parse("10.0.0.7", 0).hashCode());
        assertNotEquals(a.hashCode(), a.hostOnly().hashCode());
        Endpoint v6 = Endpoint.parse("fd00::7", 2049);
        assertEquals(v6.hashCode(), Endpoint.parse("fd00:0:0:0:0:0:0:7", 2049).hashCode());
    }

    /**
     * Address and port counting up together: under the old hash (the array's hash times 31 plus
     * the port) 64 such clients fell into 4 buckets of a 64-bucket map, each then a tree.
     */
    @Test
    void clientsNumberedInStepSpreadOverAMapsBuckets() {
        int n = 64;
        Set<Integer> buckets = new HashSet<>();
        Set<Integer> v6Buckets = new HashSet<>();
        for (int i = 0; i < n; i++) {
            buckets.add(bucket(Endpoint.parse("10.0.0." + (2 + i), 40_000 + i).hashCode(), n));
            v6Buckets.add(bucket(Endpoint.parse("fd00::" + Integer.toHexString(2 + i), 40_000 + i).hashCode(), n));
        }
        // 64 random hash codes fill about 40 of 64 buckets; fewer than 24 is a broken hash.
        assertTrue(buckets.size() >= 24, buckets.size() + " buckets");
        assertTrue(v6Buckets.size() >= 24, v6Buckets.size() + " buckets");
    }

    /** One host on many ports, and many hosts on one port. */
    @Test
    void portsAndAddressesAloneSpreadToo() {
        Set<Integer> byPort = new HashSet<>();
        Set<Integer> byHost = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            byPort.add(bucket(Endpoint.parse("10.0.0.1", 700 + 32 * i).hashCode(), 64));
            byHost.add(bucket(Endpoint.parse("10.0." + (i / 8) + "." + (i % 8) * 32, 2049).hashCode(), 64));
        }
        assertTrue(byPort.size() >= 24, byPort.size() + " buckets");
        assertTrue(byHost.size() >= 24, byHost.size() + " buckets");
    }
}
