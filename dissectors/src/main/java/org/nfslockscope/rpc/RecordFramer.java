package org.nfslockscope.rpc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits one direction of a TCP byte stream into RPC records (RFC 5531 §11: 4-byte marks, last
 * fragment bit, fragments concatenated). Bytes may arrive in any split; a record that sits whole
 * in one chunk is handed on as a view without copying.
 *
 * <p>After a gap, or when the stream was joined in the middle, the framer is out of step. If the
 * gap falls inside a fragment of known length, the next mark's place is still known and the
 * damaged record is handed on as {@code complete == false} with what was present. Otherwise it
 * scans for the next plausible record mark followed by a plausible RPC header.
 */
public final class RecordFramer {
    /** Largest record we assemble: the largest NFS READ/WRITE (1 MiB on Linux) with ample headroom. */
    public static final int DEFAULT_MAX_RECORD = 16 << 20;
    /** How far we scan for a record mark in a direction never seen carrying RPC before giving up. */
    static final long SCAN_BUDGET = 4L << 20;
    private static final int LOOKAHEAD = 48;

    /** Receives records and the framer's own troubles. */
    public interface Listener {
        /**
         * A record (the message without marks). {@code complete} is false when a capture gap
         * took some of it; then only a prefix is present. Valid only during the call.
         */
        void onRecord(ByteBuffer record, boolean complete, long frame, long timeNanos);

        /** Something a user should know: an oversized record, bytes skipped to resynchronise. */
        void onFramingProblem(String message, long frame);

        /** Whether the bytes at {@code at} plausibly begin an RPC message (used to resynchronise). */
        boolean plausibleStart(ByteBuffer b, int at, int avail);
    }

    private enum State { MARK, BODY, SYNC, IGNORE }

    private final Listener listener;
    private final int maxRecord;
    private State state;
    private final byte[] mark = new byte[4];
    private int markHave;
    private long fragRemaining;
    private boolean lastFragment;
    private byte[] record = new byte[256];
    private int recordLength;
    /** The current record has been damaged or is too large: its bytes are dropped, not stored. */
    private boolean discarding;
    private boolean everInSync;
    /** Frame in which the current record's first byte arrived: an incomplete record is reported there. */
    private long recordStartFrame;
    private long recordStartTime;
    private byte[] scan = new byte[0];
    private int scanLength;
    private long scanned;
    private long skippedBytes;
    private long scanWork;

    public RecordFramer(Listener listener, boolean atRecordBoundary) {
        this(listener, atRecordBoundary, DEFAULT_MAX_RECORD);
    }

    public RecordFramer(Listener listener, boolean atRecordBoundary, int maxRecord) {
        this.listener = listener;
        this.maxRecord = maxRecord;
        this.state = atRecordBoundary ? State.MARK : State.SYNC;
    }

    /** Whether the framer has given up on this direction as not carrying RPC. */
    public boolean ignoring() {
        return state == State.IGNORE;
    }

    /** Bytes dropped while resynchronising. */
    public long skippedBytes() {
        return skippedBytes;
    }

    /**
     * Work done resynchronising: bytes copied into the scan buffer (a chunk is scanned where it
     * lies unless bytes were kept from the chunk before) plus candidate positions examined. A work counter for the linear-time checks: it stays within a small multiple of
     * the bytes fed, however the bytes are split.
     */
    public long scanWork() {
        return scanWork;
    }

    public void feed(ByteBuffer data, long frame, long time) {
        int p = data.position();
        int end = data.limit();
        while (p < end) {
            switch (state) {
                case IGNORE -> {
                    return;
                }
                case SYNC -> p = syncFeed(data, p, end, frame, time);
                case MARK -> {
                    if (markHave == 0 && recordLength == 0 && !discarding && end - p >= 4) {
                        int m = data.getInt(p);
                        int len = m & 0x7fffffff;
                        if (m < 0 && len <= end - p - 4 && len <= maxRecord) {
                            // The common case: a whole single-fragment record in this chunk.
                            if (!startLooksRight(data, p + 4, len)) {
                                desync(frame, "record does not start with an RPC header");
                                p += 4;
                                continue;
                            }
                            everInSync = true;
                            listener.onRecord(data.slice(p + 4, len), true, frame, time);
                            p += 4 + len;
                            continue;
                        }
                    }
                    if (markHave == 0 && recordLength == 0 && !discarding) {
                        recordStartFrame = frame;
                        recordStartTime = time;
                    }
                    int take = Math.min(4 - markHave, end - p);
                    data.get(p, mark, markHave, take);
                    markHave += take;
                    p += take;
                    if (markHave == 4) {
                        markHave = 0;
                        int m = ((mark[0] & 0xff) << 24) | ((mark[1] & 0xff) << 16) | ((mark[2] & 0xff) << 8) | (mark[3] & 0xff);
                        fragRemaining = m & 0x7fffffff;
                        lastFragment = m < 0;
                        // No fragment is larger than a record; mid-record too, such a mark means we are out of step.
                        if (fragRemaining > maxRecord && !discarding) {
                            desync(frame, "record mark claims " + fragRemaining + " bytes, more than the "
                                    + maxRecord + "-byte limit");
                            continue;
                        }
                        if (!discarding && recordLength + fragRemaining > maxRecord) {
                            listener.onFramingProblem("RPC record larger than " + maxRecord
                                    + " bytes; its body is skipped", frame);
                            emit(false, frame, time);
                            discarding = true;
                        }
                        state = State.BODY;
                        if (fragRemaining == 0) {
                            endFragment(frame, time);
                        }
                    }
                }
                case BODY -> {
                    int take = (int) Math.min(fragRemaining, end - p);
                    if (!discarding) {
                        ensure(recordLength + take);
                        data.get(p, record, recordLength, take);
                        recordLength += take;
                    }
                    p += take;
                    fragRemaining -= take;
                    if (fragRemaining == 0) {
                        endFragment(frame, time);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private boolean startLooksRight(ByteBuffer b, int at, int avail) {
        if (!everInSync) {
            return listener.plausibleStart(b, at, avail);
        }
        if (avail < 8) {
            return false;
        }
        int type = b.getInt(at + 4);
        if (type == RpcMessage.CALL) {
            return avail < 12 || b.getInt(at + 8) == 2;
        }
        return type == RpcMessage.REPLY;
    }

    private void endFragment(long frame, long time) {
        state = State.MARK;
        if (!lastFragment) {
            return;
        }
        if (discarding) {
            discarding = false;
            recordLength = 0;
            return;
        }
        if (!startLooksRight(ByteBuffer.wrap(record, 0, recordLength), 0, recordLength)) {
            recordLength = 0;
            desync(frame, "record does not start with an RPC header");
            return;
        }
        everInSync = true;
        emit(true, frame, time);
    }

    private void emit(boolean complete, long frame, long time) {
        if (recordLength > 0) {
            if (complete || frame == recordStartFrame) {
                listener.onRecord(ByteBuffer.wrap(record, 0, recordLength).slice(), complete,
                        complete ? frame : recordStartFrame, complete ? time : recordStartTime);
            } else {
                // Like Wireshark, a record is shown cut short only when the damage is in the
                // frame it starts in; one damaged later is lost whole.
                listener.onFramingProblem("RPC record of which " + recordLength + " bytes arrived from frame "
                        + recordStartFrame + " on was cut by a capture gap and is dropped", frame);
            }
        }
        recordLength = 0;
        if (record.length > (1 << 20)) {
            record = new byte[256]; // do not hold a large buffer for the life of the connection
        }
    }

    private void ensure(int n) {
        if (n > record.length) {
            record = Arrays.copyOf(record, Math.max(n, Math.min(record.length * 2, maxRecord)));
        }
    }

    private void desync(long frame, String why) {
        listener.onFramingProblem(why + "; resynchronising", frame);
        state = State.SYNC;
        recordLength = 0;
        markHave = 0;
        discarding = false;
        scanLength = 0;
        scanned = 0;
    }

    /**
     * {@code missing} bytes will never arrive ({@code < 0}: unknown, e.g. joined mid-stream).
     * Within a fragment of known length we stay in step; anywhere else we must scan.
     */
    public void gap(long missing, long frame, long time) {
        if (state == State.IGNORE) {
            return;
        }
        if (state == State.BODY && missing >= 0 && missing <= fragRemaining) {
            fragRemaining -= missing;
            if (!discarding) {
                emit(false, frame, time);
                discarding = true;
            }
            if (fragRemaining == 0) {
                endFragment(frame, time);
            }
            return;
        }
        if (!discarding && recordLength > 0) {
            emit(false, frame, time);
        }
        if (state != State.SYNC) {
            state = State.SYNC;
            scanned = 0;
        }
        recordLength = 0;
        markHave = 0;
        discarding = false;
        scanLength = 0;
    }

    /**
     * Scans {@code data[p, end)} (after the few bytes kept from the previous chunk) for the next
     * record and returns where {@link #feed} goes on in {@code data}: at the record found, or
     * {@code end}. Iterative and copy-free in the common case, so that a chunk in which records
     * and bad marks alternate costs work linear in the chunk, not in the chunk times the number
     * of resynchronisations (each used to copy and rescan the rest of the chunk, recursively).
     */
    private int syncFeed(ByteBuffer data, int p, int end, long frame, long time) {
        int n = end - p;
        int carried = scanLength;
        ByteBuffer b;
        int base;
        int limit;
        if (carried == 0) {
            // Nothing kept from before: scan the chunk where it lies.
            b = data;
            base = p;
            limit = end;
        } else {
            // A candidate kept from the previous chunk is judged with the whole chunk after it.
            if (scan.length < scanLength + n) {
                scan = Arrays.copyOf(scan, Math.max(scanLength + n, 4096));
            }
            data.get(p, scan, scanLength, n);
            scanLength += n;
            scanWork += n;
            b = ByteBuffer.wrap(scan, 0, scanLength);
            base = 0;
            limit = scanLength;
        }
        int i = base;
        for (; i + 12 <= limit; i++) {
            scanWork++;
            int t = b.getInt(i + 8);
            if (t != 0 && t != 1) {
                continue;
            }
            int m = b.getInt(i);
            int len = m & 0x7fffffff;
            if (len < 24 || len > maxRecord) {
                continue;
            }
            int avail = Math.min(len, limit - i - 4);
            if (i + LOOKAHEAD > limit && avail < len) {
                break; // cannot judge this candidate until more bytes arrive
            }
            if (listener.plausibleStart(b, i + 4, avail)) {
                int skipped = i - base;
                skippedBytes += skipped;
                scanned = 0;
                state = State.MARK;
                if (skipped > 0 && everInSync) {
                    listener.onFramingProblem("skipped " + skipped + " bytes to the next RPC record", frame);
                }
                if (carried == 0) {
                    return i;
                }
                scanLength = 0;
                byte[] kept = scan;
                if (scan.length > (1 << 16)) {
                    scan = new byte[0];
                }
                if (i >= carried) {
                    // The record starts inside this chunk: go on there.
                    return p + (i - carried);
                }
                // It starts in the kept bytes: feed it from there as one chunk, as it arrived.
                byte[] rest = Arrays.copyOfRange(kept, i, limit);
                feed(ByteBuffer.wrap(rest), frame, time);
                return end;
            }
        }
        skippedBytes += i - base;
        scanned += i - base;
        // Keep what cannot be judged yet (under LOOKAHEAD bytes) for the next chunk.
        int keep = limit - i;
        if (carried == 0) {
            if (scan.length < keep) {
                scan = new byte[4096];
            }
            data.get(i, scan, 0, keep);
            scanWork += keep;
        } else {
            System.arraycopy(scan, i, scan, 0, keep);
            if (scan.length > (1 << 16)) {
                scan = Arrays.copyOf(scan, 4096);
            }
        }
        scanLength = keep;
        if (!everInSync && scanned > SCAN_BUDGET) {
            state = State.IGNORE;
            scan = new byte[0];
            scanLength = 0;
        }
        return end;
    }
}
