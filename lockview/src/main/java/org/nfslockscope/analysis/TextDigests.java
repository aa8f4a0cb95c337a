package org.nfslockscope.analysis;

/**
 * Seeded 64-bit digests of texts ({@link Digest#text}), kept for the texts seen lately by slot
 * and instance. The texts a compact table is keyed by (servers, file handles, owners) are shared
 * instances message after message (the decoders' text cache), and digesting their 20 to 60 or
 * more characters on every request was 4-5 % of the CPU of a run. A digest is a pure function of
 * the seed and the text, so a hit can never be wrong.
 */
final class TextDigests {
    private static final int SLOT_BITS = 8;

    private final long seed;
    private final String[] texts = new String[1 << SLOT_BITS];
    private final long[] digests = new long[1 << SLOT_BITS];

    TextDigests(long seed) {
        this.seed = seed;
    }

    /** {@code Digest.text(seed, s)}; null has a digest of its own, unlike "". */
    long of(String s) {
        if (s == null) {
            return Digest.text(seed, null);
        }
        int slot = (s.hashCode() * 0x9e3779b1) >>> (32 - SLOT_BITS);
        if (texts[slot] != s) {
            texts[slot] = s;
            digests[slot] = Digest.text(seed, s);
        }
        return digests[slot];
    }
}
