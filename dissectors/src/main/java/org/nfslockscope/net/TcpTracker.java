package org.nfslockscope.net;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the connection of each segment and feeds its direction's reassembler. Connections are
 * kept in least-recently-used order; idle ones and the oldest beyond {@link #MAX_CONNECTIONS} are
 * closed, so memory follows the number of live connections, not the length of the capture.
 */
final class TcpTracker {
    static final int MAX_CONNECTIONS = 65536;
    /** A connection silent this long (capture time) is closed. */
    static final long IDLE_NANOS = 600L * 1_000_000_000L;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    private static final class State {
        final FlowKey key;
        final TcpConnection connection;
        final TcpHalfStream[] halves;
        final int synSeq;
        long lastSeen;
        boolean closed;

        State(FlowKey key, TcpConnection c, StreamHandler h, int synSeq, NetCounters counters) {
            this.key = key;
            connection = c;
            halves = new TcpHalfStream[] {new TcpHalfStream(c, 0, h, counters), new TcpHalfStream(c, 1, h, counters)};
            this.synSeq = synSeq;
        }
    }

    private final StreamHandler handler;
    private final LinkedHashMap<FlowKey, State> table = new LinkedHashMap<>(1024, 0.75f, true);
    /**
     * The connection of the last segment, which is the table's most recently used entry: the next
     * segment usually belongs to it (either direction), and is then found by the identity of its
     * shared endpoints, with no key to build, hash and compare. Cleared when the entry leaves.
     */
    private FlowKey lastKey;
    private State lastState;
    /**
     * Connections used lately, by a hash of their two endpoints that is the same in either
     * direction: a segment of one of a few dozen interleaved connections finds its key here by the
     * identity of the decoder's shared endpoints, instead of building and ordering a new key for
     * every segment. The table is still asked (its order decides what is evicted), with that key.
     * A connection leaves this array when it leaves the table.
     */
    private final State[] recent = new State[RECENT];
    private static final int RECENT = 256;
    private long nextId;
    private long evicted;
    private long ignoredSegments;

    private final NetCounters counters;

    TcpTracker(StreamHandler handler, NetCounters counters) {
        this.handler = handler;
        this.counters = counters;
    }

    long connections() {
        return nextId;
    }

    long evicted() {
        return evicted;
    }

    void segment(Endpoint src, Endpoint dst, int seq, int ack, int flags, ByteBuffer payload, int declared,
                 long frame, long time) {
        FlowKey key;
        State s;
        FlowKey k = lastKey;
        if (k != null && joins(k, src, dst)) {
            // Already the most recently used entry, so the table's order needs no update either.
            key = k;
            s = lastState;
        } else {
            int slot = recentSlot(src, dst);
            State r = recent[slot];
            if (r != null && joins(r.key, src, dst)) {
                key = r.key;
            } else {
                key = FlowKey.of(src, dst);
            }
            s = table.get(key);
            if (s != null) {
                recent[slot] = s;
            }
            remember(key, s);
        }
        boolean syn = (flags & SYN) != 0;
        boolean pureSyn = syn && (flags & ACK) == 0;
        if (s != null && pureSyn && s.connection.initiator().equals(src) && s.synSeq != seq) {
            close(key, s, frame, time);
            s = null;
        } else if (s != null && s.closed) {
            if (!pureSyn) {
                ignoredSegments++;
                return;
            }
            table.remove(key);
            forget(s);
            remember(null, null);
            s = null;
        }
        if (s == null) {
            if (!syn && declared == 0) {
                return;
            }
            Endpoint initiator = syn && (flags & ACK) != 0 ? dst : src;
            Endpoint responder = initiator == src ? dst : src;
            s = new State(key, new TcpConnection(nextId++, initiator, responder, syn), handler, pureSyn ? seq : 0,
                    counters);
            s.lastSeen = time;
            table.put(key, s);
            recent[recentSlot(src, dst)] = s;
            remember(key, s);
            evictIfNeeded(time, frame);
        }
        s.lastSeen = time;
        int dir = s.connection.initiator().equals(src) ? 0 : 1;
        TcpHalfStream half = s.halves[dir];
        if (syn) {
            half.syn(seq);
            if ((flags & ACK) != 0) {
                // The SYN/ACK acknowledges the client's SYN: the client's stream starts at byte 0 even
                // when the capture began just after that SYN.
                s.halves[1 - dir].syn(ack - 1);
            }
        }
        if ((flags & ACK) != 0) {
            s.halves[1 - dir].peerAck(ack, frame, time);
        }
        half.segment(syn ? seq + 1 : seq, (flags & FIN) != 0, payload, declared, frame, time);
        if ((flags & RST) != 0 || (half.finished() && s.halves[1 - dir].finished())) {
            close(key, s, frame, time);
        }
    }

    /**
     * Whether {@code k} is the key of the connection between {@code a} and {@code b}, either way,
     * told by the identity of the decoder's shared endpoints: no key to build or compare.
     */
    private static boolean joins(FlowKey k, Endpoint a, Endpoint b) {
        return (k.low() == a && k.high() == b) || (k.low() == b && k.high() == a);
    }

    private static int recentSlot(Endpoint a, Endpoint b) {
        int h = a.hashCode() ^ b.hashCode();
        return (h ^ (h >>> 16)) & (RECENT - 1);
    }

    /** {@code s} left the table: it must not be found through {@link #recent} either. */
    private void forget(State s) {
        int slot = recentSlot(s.key.low(), s.key.high());
        if (recent[slot] == s) {
            recent[slot] = null;
        }
    }

    /** Notes the table's most recently used entry; null when there is none to note. */
    private void remember(FlowKey key, State s) {
        lastKey = s == null ? null : key;
        lastState = s;
    }

    private void close(FlowKey key, State s, long frame, long time) {
        if (s.closed) {
            return;
        }
        s.closed = true;
        s.halves[0].flush(frame, time);
        s.halves[1].flush(frame, time);
        handler.onClose(s.connection, frame);
    }

    private void evictIfNeeded(long now, long frame) {
        Iterator<Map.Entry<FlowKey, State>> it = table.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<FlowKey, State> e = it.next();
            State s = e.getValue();
            counters.work++;
            boolean idle = now - s.lastSeen > IDLE_NANOS;
            if (!(table.size() > MAX_CONNECTIONS || idle || (s.closed && table.size() > 1024))) {
                break;
            }
            if (!s.closed) {
                evicted++;
                counters.connectionsEvicted++;
            }
            close(e.getKey(), s, frame, now);
            it.remove();
            forget(s);
            if (s == lastState) {
                remember(null, null);
            }
        }
    }

    /** End of capture: every open connection is flushed and closed, in order of appearance. */
    void finish(long frame, long time) {
        List<State> open = new ArrayList<>(table.values());
        open.sort((a, b) -> Long.compare(a.connection.id(), b.connection.id()));
        for (State s : open) {
            if (!s.closed) {
                s.closed = true;
                s.halves[0].flush(frame, time);
                s.halves[1].flush(frame, time);
                handler.onClose(s.connection, frame);
            }
        }
        table.clear();
        java.util.Arrays.fill(recent, null);
        remember(null, null);
    }
}
