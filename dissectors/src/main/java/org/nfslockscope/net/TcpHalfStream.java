package org.nfslockscope.net;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reassembles one direction of a TCP connection into an in-order byte stream. Retransmitted and
 * overlapping bytes are delivered once (first copy wins); out-of-order segments wait until the
 * hole before them fills. A hole that will never fill (the capture lost the segment, the snaplen
 * cut it, or the peer acknowledged bytes the capture never saw) is reported as a gap of known
 * size, never glued over. Sequence numbers wrap; offsets are kept as 64-bit stream positions.
 */
final class TcpHalfStream {
    /** Out-of-order bytes held per direction before we give up on the hole. */
    static final int MAX_PENDING_BYTES = 8 << 20;
    static final int MAX_PENDING_SEGMENTS = 4096;

    /** Held bytes remember the frame that carried them: that is the frame a record ending there completes in. */
    private record Pending(byte[] data, int declared, long frame, long time) {
    }

    private final TcpConnection connection;
    private final int direction;
    private final StreamHandler handler;
    private boolean started;
    /** Sequence number of stream offset 0. */
    private int baseSeq;
    private long nextOff;
    private long finOff = -1;
    private long peerAckOff = -1;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private long pendingBytes;
    private long duplicateBytes;

    private final NetCounters counters;

    TcpHalfStream(TcpConnection connection, int direction, StreamHandler handler, NetCounters counters) {
        this.connection = connection;
        this.direction = direction;
        this.handler = handler;
        this.counters = counters;
    }

    boolean started() {
        return started;
    }

    boolean finished() {
        return finOff >= 0 && nextOff >= finOff;
    }

    long duplicateBytes() {
        return duplicateBytes;
    }

    private long offsetOf(int seq) {
        int nextSeq = (int) (baseSeq + nextOff);
        return nextOff + (seq - nextSeq);
    }

    /** A SYN: the stream starts at the byte after it. */
    void syn(int seq) {
        if (!started) {
            started = true;
            baseSeq = seq + 1;
        }
    }

    void segment(int seq, boolean fin, ByteBuffer data, int declared, long frame, long time) {
        if (!started) {
            if (declared == 0) {
                return;
            }
            started = true;
            baseSeq = seq;
            handler.onGap(connection, direction, -1, frame);
        }
        long off = offsetOf(seq);
        if (fin) {
            finOff = Math.max(finOff, off + declared);
        }
        if (declared > 0) {
            place(off, data, declared, frame, time);
        }
    }

    /** The other side acknowledged up to {@code ack}: any bytes before it that we never saw are lost. */
    void peerAck(int ack, long frame, long time) {
        if (!started) {
            return;
        }
        long a = offsetOf(ack);
        if (a > peerAckOff && a <= nextOff + (1L << 30)) {
            peerAckOff = a;
        }
        if (!pending.isEmpty() && pending.firstKey() <= peerAckOff) {
            skipToPending(frame, time);
        }
    }

    private void place(long off, ByteBuffer data, int declared, long frame, long time) {
        counters.work++;
        long end = off + declared;
        if (end <= nextOff) {
            duplicateBytes += declared;
            return;
        }
        if (off < nextOff) {
            int trim = (int) (nextOff - off);
            duplicateBytes += trim;
            int cut = Math.min(trim, data.remaining());
            data = data.slice(data.position() + cut, data.remaining() - cut);
            declared -= trim;
            off = nextOff;
        }
        if (off == nextOff) {
            deliver(data, declared, frame, time);
            drain(frame, time);
        } else if (peerAckOff >= off) {
            handler.onGap(connection, direction, off - nextOff, frame);
            nextOff = off;
            deliver(data, declared, frame, time);
            drain(frame, time);
        } else {
            hold(off, data, declared, frame, time);
        }
    }

    private void hold(long off, ByteBuffer data, int declared, long frame, long time) {
        Pending existing = pending.get(off);
        if (existing != null && existing.declared >= declared) {
            duplicateBytes += declared;
            return;
        }
        byte[] copy = new byte[Math.min(data.remaining(), declared)];
        data.get(data.position(), copy);
        counters.work += copy.length;
        if (existing != null) {
            pendingBytes -= existing.data.length;
        }
        pending.put(off, new Pending(copy, declared, frame, time));
        pendingBytes += copy.length;
        while (pendingBytes > MAX_PENDING_BYTES || pending.size() > MAX_PENDING_SEGMENTS) {
            counters.outOfOrderOverflows++;
            skipToPending(frame, time);
        }
    }

    private void deliver(ByteBuffer data, int declared, long frame, long time) {
        int present = Math.min(data.remaining(), declared);
        counters.work += present;
        if (present > 0) {
            handler.onData(connection, direction, present == data.remaining() ? data
                    : data.slice(data.position(), present), frame, time);
        }
        nextOff += present;
        if (declared > present) {
            handler.onGap(connection, direction, declared - present, frame);
            nextOff += declared - present;
        }
    }

    private void drain(long frame, long time) {
        while (!pending.isEmpty() && pending.firstKey() <= nextOff) {
            Map.Entry<Long, Pending> e = pending.pollFirstEntry();
            Pending p = e.getValue();
            counters.work++;
            pendingBytes -= p.data.length;
            long off = e.getKey();
            if (off + p.declared <= nextOff) {
                duplicateBytes += p.declared;
                continue;
            }
            int trim = (int) (nextOff - off);
            int cut = Math.min(trim, p.data.length);
            // Filled by a late segment, the bytes complete in that segment's frame; released
            // because the hole was lost, they complete in the frame that carried them.
            long f = Math.max(p.frame, frame);
            deliver(ByteBuffer.wrap(p.data, cut, p.data.length - cut), p.declared - trim, f, f == p.frame ? p.time : time);
        }
    }

    /** Declares the hole before the first held segment lost and delivers what follows it. */
    private void skipToPending(long frame, long time) {
        if (pending.isEmpty()) {
            return;
        }
        long first = pending.firstKey();
        if (first > nextOff) {
            handler.onGap(connection, direction, first - nextOff, pending.firstEntry().getValue().frame);
            nextOff = first;
        }
        drain(-1, -1);
    }

    /** End of the connection or the capture: whatever is held is delivered after its holes. */
    void flush(long frame, long time) {
        while (!pending.isEmpty()) {
            skipToPending(frame, time);
        }
    }
}
