package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nfslockscope.rpc.RecentKeys;

/**
 * Ties the NLM and NFSv4 handles of one file together (notes §2.10), so that both protocols' locks
 * land in one lock table. Identical bytes match as they are. Beyond that, a server may hand NLM
 * the NFSv4 handle followed by zero bytes: nfs-ganesha pads its NFSv3/NLM handle to a multiple of
 * four bytes where its NFSv4 handle is not, and NLMv1/v3 carry NFSv2 handles, which are a fixed
 * 32 bytes, zero-filled (Linux knfsd). Only those two shapes are accepted: other trailing bytes,
 * more zeros than the padding needs, or handles that merely share a prefix stay different files.
 * A handle is matched only against one already seen through the other protocol on the same
 * server; whichever came first names the file, and the match is remembered so that the report can
 * say the file was matched through normalisation.
 *
 * <p>Every handle seen is remembered, up to {@value #MAX_HANDLES} per protocol, and a server
 * with many files shows a new one every few messages. Each is kept as a seeded 128-bit digest of
 * server and handle, with no object per entry: as map entries with their texts they were 13 MB
 * at the bound, outlived young collections and died in the old generation. What a handle's locks
 * are kept under is always the handle itself, a padded form of it or an unpadded one, so the
 * handle and a length say it.
 */
final class FileHandles {
    /** NFS_FHSIZE: NFSv2 handles are this many bytes [RFC 1094 §2.3.3]. */
    static final int NFSV2_FHSIZE = 32;
    private static final int MAX_HANDLES = 1 << 16;

    private final Seen nfs4 = new Seen();
    private final Seen nlm = new Seen();
    private final Map<Key, String> notes = new LinkedHashMap<>();

    /**
     * The handles seen through one protocol, each with the length (in hex digits) of the handle
     * its locks are kept under: the handle cut or padded with zeros to that length.
     */
    private static final class Seen {
        private final RecentKeys keys = new RecentKeys(false, false, false, 0, 0);
        private final Digest seeds = new Digest();
        private final TextDigests texts1 = new TextDigests(seeds.seed1);
        private final TextDigests texts2 = new TextDigests(seeds.seed2);

        private static long digest(long seed, TextDigests texts, String server, String fh) {
            return Digest.mix(Digest.mix(Digest.mix(seed) ^ texts.of(server)) ^ texts.of(fh));
        }

        private int find(String server, String fh) {
            return keys.find(digest(seeds.seed1, texts1, server, fh), digest(seeds.seed2, texts2, server, fh));
        }

        boolean contains(String server, String fh) {
            return find(server, fh) >= 0;
        }

        /** The handle {@code fh}'s locks are kept under, or null when it was not seen. */
        String canonical(String server, String fh) {
            int e = find(server, fh);
            return e < 0 ? null : sized(fh, keys.tag(e));
        }

        void remember(String server, String fh, String canonical) {
            int e = keys.add(digest(seeds.seed1, texts1, server, fh), digest(seeds.seed2, texts2, server, fh));
            keys.tag(e, canonical.length());
            keys.trim(MAX_HANDLES);
        }

        int size() {
            return keys.size();
        }
    }

    /** {@code fh} cut to {@code length} hex digits or padded with zero bytes to it. */
    private static String sized(String fh, int length) {
        if (length == fh.length()) {
            return fh;
        }
        return length < fh.length() ? fh.substring(0, length) : fh + "0".repeat(length - fh.length());
    }

    /**
     * A handle on a server. Both parts are usually the same instances message after message (host
     * texts and decoded handles are shared), so their hashes are cached where a joined text had to
     * be built and hashed anew.
     */
    private record Key(String server, String fh) {
        // Spelled out, as for every record on the per-packet path: a record's own equals and
        // hashCode are bound at first use through method handles, whose classes the JVM generates
        // and compiles during the run (docs/performance.md, folding round).
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(fh, k.fh) && java.util.Objects.equals(server, k.server);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(server) * 31 + java.util.Objects.hashCode(fh);
        }
    }

    private static Key key(String server, String fh) {
        return new Key(server, fh);
    }

    /** A handle text and its lower-case form. */
    private record Lowered(String fh, String lower) {
    }

    /**
     * Handle texts lowered lately, by slot and instance: decoded handles are shared instances
     * (see the decoders' text cache), and scanning each one's 56 or more characters on every
     * operation showed in profiles. Lowering is a pure function, so a hit is always right.
     */
    private final Lowered[] lowered = new Lowered[1 << 6];

    private String lower(String fh) {
        int slot = (fh.hashCode() * 0x9e3779b1) >>> 26;
        Lowered l = lowered[slot];
        if (l != null && l.fh == fh) {
            return l.lower;
        }
        String lower = fh.toLowerCase(Locale.ROOT);
        lowered[slot] = new Lowered(fh, lower);
        return lower;
    }

    /** The handle under which an NFSv4 handle's locks are kept. */
    String nfs4(String server, String fh) {
        String v = lower(fh);
        String known = nfs4.canonical(server, v);
        if (known != null) {
            return known;
        }
        String canonical = v;
        if (!nlm.contains(server, v)) {
            for (String padded : paddedForms(v)) {
                String n = nlm.canonical(server, padded);
                if (n != null) {
                    canonical = n;
                    note(server, n, padded, v);
                    break;
                }
            }
        }
        nfs4.remember(server, v, canonical);
        return canonical;
    }

    /** The handle under which an NLM handle's locks are kept. */
    String nlm(String server, String fh) {
        String n = lower(fh);
        String known = nlm.canonical(server, n);
        if (known != null) {
            return known;
        }
        String canonical = n;
        if (!nfs4.contains(server, n)) {
            for (String unpadded : unpaddedForms(n)) {
                String v = nfs4.canonical(server, unpadded);
                if (v != null) {
                    canonical = v;
                    note(server, v, n, unpadded);
                    break;
                }
            }
        }
        nlm.remember(server, n, canonical);
        return canonical;
    }

    /** How the file kept under {@code canonical} was matched across protocols, or null if by identical bytes. */
    String note(String server, String canonical) {
        return notes.get(key(server, canonical));
    }

    private void note(String server, String canonical, String nlmFh, String nfs4Fh) {
        int padding = (nlmFh.length() - nfs4Fh.length()) / 2;
        notes.put(key(server, canonical), "NLM handle 0x" + nlmFh + " matched to NFSv4 handle 0x" + nfs4Fh
                + " by dropping " + padding + " trailing zero byte(s) of padding");
        Bounded.trim(notes, MAX_HANDLES);
    }

    /** The NLM forms an NFSv4 handle may take: padded to four bytes, or to an NFSv2 handle. */
    static String[] paddedForms(String hex) {
        int len = hex.length() / 2;
        int aligned = (len + 3) / 4 * 4;
        String toFour = aligned > len ? hex + "00".repeat(aligned - len) : null;
        String toV2 = len < NFSV2_FHSIZE && aligned != NFSV2_FHSIZE ? hex + "00".repeat(NFSV2_FHSIZE - len) : null;
        if (toFour == null && toV2 == null) {
            return new String[0];
        }
        if (toFour == null || toV2 == null) {
            return new String[] {toFour == null ? toV2 : toFour};
        }
        return new String[] {toFour, toV2};
    }

    /** The NFSv4 handles an NLM handle may be a padded form of, shortest padding first. */
    static String[] unpaddedForms(String hex) {
        if (hex.length() % 2 != 0) {
            return new String[0];
        }
        int len = hex.length() / 2;
        int zeros = 0;
        while (zeros < len - 1 && hex.startsWith("00", hex.length() - 2 * (zeros + 1))) {
            zeros++;
        }
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= zeros; k++) {
            int shorter = len - k;
            boolean alignment = (shorter + 3) / 4 * 4 == len;
            boolean v2 = len == NFSV2_FHSIZE;
            if (alignment || v2) {
                out.add(hex.substring(0, 2 * shorter));
            }
        }
        return out.toArray(new String[0]);
    }

    int tracked() {
        return nfs4.size() + nlm.size() + notes.size();
    }
}
