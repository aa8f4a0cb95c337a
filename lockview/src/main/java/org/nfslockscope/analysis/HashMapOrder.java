package org.nfslockscope.analysis;

/**
 * The order in which a {@link java.util.HashMap} keyed by a record of a long and an int lists its
 * keys, for tables that no longer are such maps but whose reports keep the order they always had:
 * by bucket of a table grown as the map grows it (doubling past three quarters full, never
 * shrinking), then by when a key came in. A map lists its keys that way as long as no bucket holds
 * eight keys, which keys spread by their hash all but never do.
 */
final class HashMapOrder {
    private int buckets = 16;
    private int size;

    /** A key came in that the map did not hold. */
    void added() {
        if (++size > buckets * 3 / 4) {
            buckets *= 2;
        }
    }

    void removed() {
        size--;
    }

    /** The bucket of the key ({@code a}, {@code b}), as the map computes a record's hash. */
    int bucket(long a, int b) {
        int h = 31 * Long.hashCode(a) + b;
        return (h ^ (h >>> 16)) & (buckets - 1);
    }
}
