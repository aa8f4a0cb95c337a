package org.nfslockscope.analysis;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.nfslockscope.rpc.RecentKeys;

/**
 * When each NLM lock request was first sent, for the wait a grant ends: a map from a lock's
 * parameters to a time, insertion-ordered and bounded like the others, but holding no object per
 * entry. A request denied and never tried again stays here until the bound or the idle limit
 * drops it, long enough to be promoted, so an object per entry (a key, a map entry, a boxed time)
 * filled the old generation with dead requests on NLM traffic with denials (1 GB: 113 bytes per
 * denied LOCK, the heap's largest share of promoted garbage). Entries are keyed by a 128-bit
 * digest of the parameters, seeded per table, so that a capture cannot choose colliding
 * requests; a collision would cost one wait time, nothing else.
 */
final class FirstRequests {
    private final RecentKeys keys = new RecentKeys(false);
    private long[] times = new long[16];
    private final long seed1 = ThreadLocalRandom.current().nextLong();
    private final long seed2 = ThreadLocalRandom.current().nextLong() | 1;

    int size() {
        return keys.size();
    }

    void putIfAbsent(NlmLockKey k, long time) {
        long a = digest(k, seed1);
        long b = digest(k, seed2);
        if (keys.find(a, b) >= 0) {
            return;
        }
        int e = keys.add(a, b);
        if (times.length < keys.capacity()) {
            times = java.util.Arrays.copyOf(times, keys.capacity());
        }
        times[e] = time;
    }

    /** The time first sent, or {@code otherwise} when not kept. */
    long get(NlmLockKey k, long otherwise) {
        int e = keys.find(digest(k, seed1), digest(k, seed2));
        return e < 0 ? otherwise : times[e];
    }

    /** Forgets the request; returns its first time, or {@code otherwise} when not kept. */
    long remove(NlmLockKey k, long otherwise) {
        int e = keys.find(digest(k, seed1), digest(k, seed2));
        if (e < 0) {
            return otherwise;
        }
        long t = times[e];
        keys.remove(e);
        return t;
    }

    /** Drops the oldest requests until at most {@code max} are kept. */
    void trim(int max) {
        keys.trim(max);
    }

    /** Forgets the requests first sent more than {@code idleNanos} before {@code nowNanos}, except those of {@code keep}. */
    void retireIdle(long nowNanos, long idleNanos, Iterable<NlmLockKey> keep) {
        Set<Long> kept = new HashSet<>();
        for (NlmLockKey k : keep) {
            kept.add(digest(k, seed1));
        }
        for (int e = keys.oldest(); e != RecentKeys.NONE; ) {
            int next = keys.newer(e);
            if (nowNanos - times[e] > idleNanos && !kept.contains(keys.k1(e))) {
                keys.remove(e);
            }
            e = next;
        }
    }

    /** A 64-bit digest of every part, the texts char by char, mixed with {@code seed}. */
    private static long digest(NlmLockKey k, long seed) {
        long h = mix(seed ^ k.svid() ^ (k.exclusive() ? 0x5bd1e995L : 0));
        h = text(h, k.server());
        h = text(h, k.fh());
        h = text(h, k.oh());
        h = mix(h ^ k.offset());
        return mix(h ^ k.length());
    }

    private static long text(long h, String s) {
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
    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return x ^ (x >>> 33);
    }
}
