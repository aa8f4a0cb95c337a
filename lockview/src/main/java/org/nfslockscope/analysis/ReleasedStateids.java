package org.nfslockscope.analysis;

import java.util.Set;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.rpc.RecentKeys;

/**
 * Stateids given back (CLOSE, RELEASE_LOCKOWNER, FREE_STATEID, the client's state dropped), in the
 * order of their release: kept only to tell a later use (V4-STATEID-AFTER-RELEASE) from a stateid
 * the server never granted, which needs the stateid's kind, client, server epoch and, for a
 * retransmitted CLOSE or LOCKU, its owner.
 *
 * <p>A client that opens, locks and closes file after file gives back two stateids per file, and
 * each is kept for two leases: hundreds of thousands at a time. As objects (a text key, a map
 * entry, the stateid's record with its file and open) they outlived young collections, were
 * promoted, and were most of the 110 MB of lock-view state live at 10 GB of such traffic. Here an
 * entry is a few words in a shared pool (about 85 bytes with its index slots), keyed by the 12
 * bytes of the stateid's {@code other} (RFC 8881 §8.2.2), with nothing per entry for the
 * collector.
 */
final class ReleasedStateids {
    /** Values of an entry: the client ID, the release's reply (time and frame), the epoch and kind. */
    private static final int CLIENTID = 0;
    private static final int TIME = 1;
    private static final int FRAME = 2;
    private static final int EPOCH_AND_KIND = 3;
    private static final long LOCK = 1L << 32;

    // By table rather than Character.digit and Long.parseUnsignedLong: every stateid the lock view
    // looks up outside the live map is read, and those two were 4 % of a lock41 run's CPU.
    private static final byte[] NIBBLES = new byte[128];

    static {
        java.util.Arrays.fill(NIBBLES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            NIBBLES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            NIBBLES['a' + i] = (byte) (10 + i);
            NIBBLES['A' + i] = (byte) (10 + i);
        }
    }

    private final RecentKeys keys = new RecentKeys(false, false, false, 4, 1);
    private final int max;

    /** @param max released stateids kept at most; the oldest releases are forgotten first */
    ReleasedStateids(int max) {
        this.max = max;
    }

    int size() {
        return keys.size();
    }

    /**
     * Remembers that {@code other} was given back by the reply in {@code frame}, at {@code nanos}.
     * A stateid given back again keeps its first release, which is when the server forgot it.
     */
    void add(String other, long clientid, int epoch, boolean lock, Owner owner, long nanos, long frame) {
        if (!parse(other) || keys.find(high, low) >= 0) {
            return;
        }
        int e = keys.add(high, low);
        keys.value(e, CLIENTID, clientid);
        keys.value(e, TIME, nanos);
        keys.value(e, FRAME, frame);
        keys.value(e, EPOCH_AND_KIND, (lock ? LOCK : 0) | Integer.toUnsignedLong(epoch));
        keys.object(e, 0, owner);
        keys.trim(max);
    }

    /** The entry of {@code other}, or {@link RecentKeys#NONE}. */
    int find(String other) {
        // Most captures give nothing back, and every stateid new to the live map is asked for.
        return keys.size() > 0 && parse(other) ? keys.find(high, low) : RecentKeys.NONE;
    }

    long clientid(int e) {
        return keys.value(e, CLIENTID);
    }

    /** When the reply that gave it back was captured. */
    long time(int e) {
        return keys.value(e, TIME);
    }

    /** The frame of that reply. */
    long frame(int e) {
        return keys.value(e, FRAME);
    }

    int epoch(int e) {
        return (int) keys.value(e, EPOCH_AND_KIND);
    }

    boolean lock(int e) {
        return (keys.value(e, EPOCH_AND_KIND) & LOCK) != 0;
    }

    /** The owner the stateid stood for; null once that lock-owner was released too. */
    Owner owner(int e) {
        return (Owner) keys.object(e, 0);
    }

    /** The server forgot the lock-owner (RELEASE_LOCKOWNER): nothing asks for it through this stateid again. */
    void forgetOwner(int e) {
        keys.object(e, 0, null);
    }

    /** The server granted {@code other} anew: it is in use again. */
    void remove(String other) {
        int e = find(other);
        if (e >= 0) {
            keys.remove(e);
        }
    }

    /**
     * Forgets the stateids given back before {@code nanos}. Releases come in capture order, so
     * this stops at the first later one; should the capture's clock step back, a few are kept
     * a little longer.
     */
    void forgetBefore(long nanos) {
        for (int e = keys.oldest(); e != RecentKeys.NONE && keys.value(e, TIME) < nanos; e = keys.oldest()) {
            keys.remove(e);
        }
    }

    /** Forgets the stateids of the clients in {@code gone}. */
    void forgetClients(Set<Long> gone) {
        for (int e = keys.oldest(); e != RecentKeys.NONE; ) {
            int next = keys.newer(e);
            if (gone.contains(keys.value(e, CLIENTID))) {
                keys.remove(e);
            }
            e = next;
        }
    }

    /** Adds the owners still named here to {@code inUse}. */
    void owners(Set<Owner> inUse) {
        for (int e = keys.oldest(); e != RecentKeys.NONE; e = keys.newer(e)) {
            Owner o = owner(e);
            if (o != null) {
                inUse.add(o);
            }
        }
    }

    /** The parts of the stateid {@link #parse} read last. */
    private long high;
    private long low;

    /**
     * Reads {@code other} into {@link #high} and {@link #low}. The decoder gives it as 24 hex
     * digits (12 bytes); anything else cannot name a stateid a server handed out, and is not kept.
     */
    private boolean parse(String other) {
        if (other == null || other.length() != 24) {
            return false;
        }
        long h = 0;
        long l = 0;
        int bad = 0;
        for (int i = 0; i < 16; i++) {
            int d = nibble(other.charAt(i));
            bad |= d;
            h = h << 4 | d;
        }
        for (int i = 16; i < 24; i++) {
            int d = nibble(other.charAt(i));
            bad |= d;
            l = l << 4 | d;
        }
        high = h;
        low = l;
        return bad >= 0;
    }

    /** The value of hex digit {@code c}, or -1. */
    private static int nibble(char c) {
        return c < 128 ? NIBBLES[c] : -1;
    }
}
