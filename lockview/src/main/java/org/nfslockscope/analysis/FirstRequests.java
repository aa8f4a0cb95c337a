package org.nfslockscope.analysis;

import java.util.HashSet;
import java.util.Set;
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
    private final Digest seeds = new Digest();
    private final TextDigests texts1 = new TextDigests(seeds.seed1);
    private final TextDigests texts2 = new TextDigests(seeds.seed2);

    int size() {
        return keys.size();
    }

    void putIfAbsent(NlmLockKey k, long time) {
        long a = digest(k, seeds.seed1, texts1);
        long b = digest(k, seeds.seed2, texts2);
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
        int e = keys.find(digest(k, seeds.seed1, texts1), digest(k, seeds.seed2, texts2));
        return e < 0 ? otherwise : times[e];
    }

    /** Forgets the request; returns its first time, or {@code otherwise} when not kept. */
    long remove(NlmLockKey k, long otherwise) {
        int e = keys.find(digest(k, seeds.seed1, texts1), digest(k, seeds.seed2, texts2));
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
            kept.add(digest(k, seeds.seed1, texts1));
        }
        for (int e = keys.oldest(); e != RecentKeys.NONE; ) {
            int next = keys.newer(e);
            if (nowNanos - times[e] > idleNanos && !kept.contains(keys.k1(e))) {
                keys.remove(e);
            }
            e = next;
        }
    }

    /** A 64-bit digest of every part, mixed with {@code seed}; the texts' digests come from {@code texts}, of the same seed. */
    private static long digest(NlmLockKey k, long seed, TextDigests texts) {
        long h = Digest.mix(seed ^ k.svid() ^ (k.exclusive() ? 0x5bd1e995L : 0));
        h = Digest.mix(h ^ texts.of(k.server()));
        h = Digest.mix(h ^ texts.of(k.fh()));
        h = Digest.mix(h ^ texts.of(k.oh()));
        h = Digest.mix(h ^ k.offset());
        return Digest.mix(h ^ k.length());
    }
}
