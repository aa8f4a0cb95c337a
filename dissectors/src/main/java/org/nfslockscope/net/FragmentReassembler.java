package org.nfslockscope.net;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts IPv4 and IPv6 fragments back together. A datagram is complete when the last fragment has
 * arrived and every byte before it is covered; it is handed on in the frame that completed it,
 * as Wireshark does. Bounded: at most {@link #MAX_DATAGRAMS} in progress, none older than
 * {@link #TIMEOUT_NANOS}, none larger than 64 KiB (IPv6 jumbograms are not fragmented).
 */
final class FragmentReassembler {
    static final int MAX_DATAGRAMS = 4096;
    static final long TIMEOUT_NANOS = 60L * 1_000_000_000L;
    private static final int MAX_SIZE = 65535;

    /** Comparable, consistently with equals, for the same reason as {@link FlowKey}: ids are chosen by the sender. */
    private record Key(Endpoint src, Endpoint dst, long id, int protocol) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(id, o.id);
            if (c == 0) {
                c = Integer.compare(protocol, o.protocol);
            }
            if (c == 0) {
                c = src.compareTo(o.src);
            }
            return c != 0 ? c : dst.compareTo(o.dst);
        }
    }

    private static final class Partial {
        final long firstTime;
        byte[] data = new byte[2048];
        /** One bit per 8-byte block received. */
        final long[] have = new long[(MAX_SIZE / 8 + 64) / 64];
        int total = -1;
        int highest;
        /**
         * Every block before this one has arrived. Blocks are never unmarked, so the check for
         * completeness moves it on instead of rereading the covered prefix at every fragment
         * (which made a datagram sent last fragment first, then in order, cost blocks squared).
         */
        int firstMissing;

        Partial(long firstTime) {
            this.firstTime = firstTime;
        }

        boolean complete(NetCounters counters) {
            if (total < 0) {
                return false;
            }
            int blocks = (total + 7) / 8;
            while (firstMissing < blocks && (have[firstMissing >>> 6] & (1L << (firstMissing & 63))) != 0) {
                counters.work++;
                firstMissing++;
            }
            return firstMissing >= blocks;
        }
    }

    private final LinkedHashMap<Key, Partial> partials = new LinkedHashMap<>();
    private final NetCounters counters;

    FragmentReassembler(NetCounters counters) {
        this.counters = counters;
    }

    private void dropped() {
        counters.fragmentsDropped++;
    }

    /**
     * Adds a fragment ({@code offset} in bytes, {@code more} = more fragments follow). Returns the
     * whole payload when this fragment completes it, else null.
     */
    ByteBuffer add(Endpoint src, Endpoint dst, long id, int protocol, int offset, boolean more,
                   ByteBuffer fragment, long time) {
        expire(time);
        int len = fragment.remaining();
        if (offset + len > MAX_SIZE || (more && (len & 7) != 0)) {
            dropped();
            return null;
        }
        Key key = new Key(src, dst, id, protocol);
        Partial p = partials.get(key);
        if (p == null) {
            if (partials.size() >= MAX_DATAGRAMS) {
                Iterator<Map.Entry<Key, Partial>> it = partials.entrySet().iterator();
                it.next();
                it.remove();
                dropped();
            }
            p = new Partial(time);
            partials.put(key, p);
        }
        if (offset + len > p.data.length) {
            p.data = Arrays.copyOf(p.data, Math.min(MAX_SIZE, Math.max(offset + len, p.data.length * 2)));
        }
        fragment.get(fragment.position(), p.data, offset, len);
        counters.work += len;
        int firstBlock = offset / 8;
        int lastBlock = (offset + len + 7) / 8;
        for (int b = firstBlock; b < lastBlock; b++) {
            p.have[b >>> 6] |= 1L << (b & 63);
        }
        p.highest = Math.max(p.highest, offset + len);
        if (!more) {
            p.total = offset + len;
        }
        if (!p.complete(counters)) {
            return null;
        }
        partials.remove(key);
        return ByteBuffer.wrap(p.data, 0, p.total).slice();
    }

    /** End of the capture: datagrams still incomplete will never be whole. */
    void finish() {
        for (int i = 0; i < partials.size(); i++) {
            dropped();
        }
        partials.clear();
    }

    private void expire(long now) {
        Iterator<Map.Entry<Key, Partial>> it = partials.entrySet().iterator();
        while (it.hasNext()) {
            Partial p = it.next().getValue();
            if (now - p.firstTime <= TIMEOUT_NANOS) {
                break;
            }
            it.remove();
            dropped();
        }
    }
}
