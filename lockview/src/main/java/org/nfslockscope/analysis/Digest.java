package org.nfslockscope.analysis;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Seeded 64-bit digests of capture data, two of which key the compact tables that keep no object
 * per entry ({@link FirstRequests}, {@link FileHandles}). Each table draws its own seeds, so a
 * capture cannot choose values that collide; a collision of both digests (one in 2^128) would
 * cost the table one entry's answer, nothing else.
 */
final class Digest {
    final long seed1 = ThreadLocalRandom.current().nextLong();
    final long seed2 = ThreadLocalRandom.current().nextLong() | 1;

    /** Mixes the text into {@code h} char by char, its length included; null differs from "". */
    static long text(long h, String s) {
        if (s == null) {
            return mix(h ^ 0x9E3779B97F4A7C15L);
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(h ^ n);
    }

    /** A bijective 64-bit finalizer: every input bit moves every output bit. */
    static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return x ^ (x >>> 33);
    }
}
