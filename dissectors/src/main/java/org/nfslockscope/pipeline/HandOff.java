package org.nfslockscope.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nfslockscope.net.Endpoint;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;

/**
 * Runs a listener on a second thread: the pipeline (reader, net, rpc) calls this object, which
 * copies every callback into a batch, and the listener thread replays the batches in the order the
 * callbacks came, so the listener sees exactly the sequence it would see on the pipeline's thread.
 *
 * <p>What has to be copied: only {@link RpcEvent#record()}, a view into buffers the reader, the TCP
 * reassembler and the record framer reuse. Its bytes go into the batch's arena and the listener
 * gets an event equal to the original but for a record that is a view of the arena. The rest of an
 * event is immutable and never touched again by the pipeline: {@link Endpoint} (final, its address
 * never written), {@link org.nfslockscope.rpc.RpcMessage} and {@link org.nfslockscope.rpc.CallInfo}
 * (records of immutable parts; a credential's gid array is filled by the parser and only read
 * after, whether the credential is shared by the interner or not; a {@code CallInfo}'s attachment
 * belongs to the listener, whose thread alone reads and writes it), and the other fields are values.
 *
 * <p>The listener decodes the bodies itself: moving the decoding onto the pipeline's thread was
 * tried and measured no gain on lock41 1 GB, as the listener's and the pipeline's caches compete.
 *
 * <p>Memory is bounded: {@code batches} batches, each holding up to {@code maxEntries} callbacks and
 * an arena of {@code arenaBytes}. A record longer than the arena travels alone in a batch whose
 * arena grows to it once and stays grown, so the bound is {@code batches × (arenaBytes or the
 * largest record, whichever is larger)} plus the entry tables.
 *
 * <p>Failures keep the meaning they have on one thread. The pipeline turns an exception thrown
 * while it decodes a frame (listener included) into a diagnostic and goes on with the next frame;
 * so does this class, reporting through {@link #listenerErrors()} the same text the pipeline would
 * have, and skipping what the listener would not have been given for that frame. Anything else (an
 * {@link Error}, or an exception from {@code onCaptureStart}, which the pipeline does not catch)
 * ends the listener thread's work; the pipeline is told to stop through {@link #failed()} and
 * {@link #finish()} throws it. A listener thread that failed keeps taking batches and giving them
 * back, so the pipeline never waits for room that will not come.
 */
public final class HandOff implements RpcListener {
    /**
     * Bytes of records per batch, callbacks per batch, and batches, unless a test asks for others.
     * Small batches, so that what one thread writes is still in the shared cache when the other
     * reads it: with 4 batches of 4096 callbacks and 2 MiB the records crossed through memory, and
     * lock41 1 GB on two threads took 3.7-3.8 s and 6.7-7.0 s of CPU; with 8 of 256 and 128 KiB,
     * 3.3-3.5 s and 6.0-6.3 s, and 20 MB less peak memory.
     */
    public static final int DEFAULT_ARENA_BYTES = 128 << 10;
    public static final int DEFAULT_MAX_ENTRIES = 256;
    public static final int DEFAULT_BATCHES = 8;

    private static final byte MESSAGE = 0;
    private static final byte START = 1;
    private static final byte GAP = 2;
    private static final byte CLOSED = 3;

    /** What an exception in the listener became, as the pipeline would have reported it. */
    public record ListenerError(long frame, String message) {
    }

    /** Callbacks in order, with the record bytes they carry. Filled by one thread, read by the other. */
    private static final class Batch {
        final byte[] kind;
        /** The frame being decoded when the callback came (last frame done + 1). */
        final long[] step;
        final long[] a;
        final long[] b;
        final long[] c;
        final Object[] first;
        final Object[] second;
        byte[] arena;
        /**
         * The view of the arena every replayed record is given, moved to each record in turn: a
         * record is valid only while the listener runs ({@link RpcEvent#record()}), so one view
         * serves them all instead of one per record.
         */
        ByteBuffer view;
        int size;
        int used;
        /** Set on the last batch of a pass: the last frame the pipeline finished. */
        boolean last;
        long lastFrame;

        Batch(int entries, int arenaBytes) {
            kind = new byte[entries];
            step = new long[entries];
            a = new long[entries];
            b = new long[entries];
            c = new long[entries];
            first = new Object[entries];
            second = new Object[entries];
            arena = new byte[arenaBytes];
            view = ByteBuffer.wrap(arena);
        }

        void clear() {
            java.util.Arrays.fill(first, 0, size, null);
            java.util.Arrays.fill(second, 0, size, null);
            size = 0;
            used = 0;
            last = false;
        }
    }

    private final RpcListener listener;
    private final int maxEntries;
    private final BlockingQueue<Batch> free;
    private final BlockingQueue<Batch> full;
    private final Thread thread;
    /** The frame the pipeline is decoding: the last frame it finished, plus one. */
    private long step = 1;
    private long lastFrame;
    private Batch current;
    private boolean finished;

    // Written by the listener thread; read by the pipeline's thread after the join (or, for
    // fatal, while it runs, to stop early).
    private volatile Throwable fatal;
    private final List<ListenerError> errors = new ArrayList<>();
    /** The listener thread took the last batch: nothing more will come. Its own field. */
    private boolean sawLast;

    public HandOff(RpcListener listener) {
        this(listener, DEFAULT_BATCHES, DEFAULT_MAX_ENTRIES, DEFAULT_ARENA_BYTES);
    }

    public HandOff(RpcListener listener, int batches, int maxEntries, int arenaBytes) {
        if (batches < 2 || maxEntries < 1 || arenaBytes < 1) {
            throw new IllegalArgumentException("at least two batches of one entry and one byte");
        }
        this.listener = listener;
        this.maxEntries = maxEntries;
        this.free = new ArrayBlockingQueue<>(batches);
        this.full = new ArrayBlockingQueue<>(batches);
        for (int i = 0; i < batches; i++) {
            free.add(new Batch(maxEntries, arenaBytes));
        }
        this.thread = new Thread(this::consume, "nfslockscope-listener");
        // A listener thread must never keep the JVM alive on its own (a second Ctrl-C halts anyway).
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The pipeline finished frame {@code frame}: callbacks from now on belong to the next frame, or
     * to the end of the capture. Called from {@link RpcPipeline.Progress#stopAfter(long)}.
     */
    public void frameDone(long frame) {
        lastFrame = frame;
        step = frame + 1;
    }

    /** The listener thread failed for good: the pipeline may as well stop reading. */
    public boolean failed() {
        return fatal != null;
    }

    /**
     * {@code inner} as the pass over this hand-off needs it: each finished frame is told to the
     * hand-off, and a listener that failed for good stops the reading, which is pointless then.
     */
    public RpcPipeline.Progress around(RpcPipeline.Progress inner) {
        return new RpcPipeline.Progress() {
            @Override
            public boolean update(long bytesRead, long frames) {
                return inner.update(bytesRead, frames);
            }

            @Override
            public boolean stopAfter(long frame) {
                frameDone(frame);
                return inner.stopAfter(frame) || failed();
            }
        };
    }

    @Override
    public void onCaptureStart(long timeNanos) {
        Batch t = entry(0);
        if (t != null) {
            add(t, START, timeNanos, 0, 0, null, null);
        }
    }

    @Override
    public void onCaptureGap(long connection, Endpoint src, Endpoint dst, long missing, long frame) {
        Batch t = entry(0);
        if (t != null) {
            add(t, GAP, connection, missing, frame, src, dst);
        }
    }

    @Override
    public void onConnectionClosed(long connection, long frame) {
        Batch t = entry(0);
        if (t != null) {
            add(t, CLOSED, connection, frame, 0, null, null);
        }
    }

    @Override
    public void onMessage(RpcEvent e) {
        ByteBuffer r = e.record();
        int n = r.remaining();
        Batch t = entry(n);
        if (t == null) {
            return;
        }
        int at = t.used;
        r.get(r.position(), t.arena, at, n);
        t.used = at + n;
        add(t, MESSAGE, at, n, r.order() == ByteOrder.BIG_ENDIAN ? 0 : 1, e, null);
    }

    private static void add(Batch t, byte kind, long a, long b, long c, Object first, Object second) {
        int i = t.size++;
        t.kind[i] = kind;
        t.a[i] = a;
        t.b[i] = b;
        t.c[i] = c;
        t.first[i] = first;
        t.second[i] = second;
    }

    /** The batch to add a callback carrying {@code bytes} to, or null once the listener thread failed. */
    private Batch entry(int bytes) {
        if (finished) {
            throw new IllegalStateException("callback after finish");
        }
        if (fatal != null) {
            return null;
        }
        Batch t = current;
        if (t != null && (t.size == maxEntries || t.arena.length - t.used < bytes)) {
            publish(t);
            t = null;
        }
        if (t == null) {
            t = take();
            current = t;
        }
        if (t.arena.length < bytes) {
            t.arena = new byte[bytes];
            t.view = ByteBuffer.wrap(t.arena);
        }
        t.step[t.size] = step;
        return t;
    }

    /**
     * A free batch. The wait is not cut short by an interrupt: the listener thread always gives
     * batches back, failed or not, and a callback that threw instead would be taken by the
     * pipeline for a decoding failure of the frame. The interrupt is kept for the caller.
     */
    private Batch take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return free.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void publish(Batch t) {
        current = null;
        // Never blocks: the queue holds as many batches as there are.
        full.add(t);
    }

    /**
     * The pipeline is done: hands over what is left, waits until the listener has seen every
     * callback, and throws what ended the listener thread, if anything did. Must be called once,
     * on every path, even when the pipeline threw, so that the thread ends.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        Batch t = current != null ? current : take();
        t.last = true;
        t.lastFrame = lastFrame;
        publish(t);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable x = fatal;
        if (x instanceof RuntimeException r) {
            throw r;
        }
        if (x instanceof Error err) {
            throw err;
        }
        if (x != null) {
            throw new IllegalStateException(x);
        }
    }

    /**
     * What exceptions thrown by the listener while a frame was decoded became, in the order they
     * came: the diagnostics the pipeline would have reported for them. Valid after {@link #finish()}.
     */
    public List<ListenerError> listenerErrors() {
        return List.copyOf(errors);
    }

    private void consume() {
        try {
            replayBatches();
        } catch (Throwable e) {
            // Outside the listener (bookkeeping): the thread must still give every batch back.
            if (fatal == null) {
                fatal = e;
            }
            while (!sawLast) {
                Batch t;
                try {
                    t = full.take();
                } catch (InterruptedException x) {
                    continue;
                }
                sawLast = t.last;
                t.clear();
                free.add(t);
            }
        }
    }

    private void replayBatches() {
        // A failure in frame `skipping` makes the rest of that frame's callbacks unseen, as when
        // the exception unwinds the pipeline's decoding of the frame.
        long skipping = -1;
        RuntimeException pending = null;
        long pendingStep = -1;
        while (true) {
            Batch t;
            try {
                t = full.take();
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; should someone, the pipeline must still get its batches back.
                continue;
            }
            if (fatal == null) {
                touch(t);
                for (int i = 0; i < t.size; i++) {
                    long s = t.step[i];
                    if (s == skipping) {
                        continue;
                    }
                    if (pending != null) {
                        // The frame that failed is over: it was a frame, not the end of the capture.
                        errors.add(new ListenerError(pendingStep, "internal error while decoding: " + pending));
                        pending = null;
                    }
                    try {
                        replay(t, i);
                    } catch (RuntimeException e) {
                        if (t.kind[i] == START) {
                            fatal = e;
                            break;
                        }
                        skipping = s;
                        pending = e;
                        pendingStep = s;
                    } catch (Throwable e) {
                        fatal = e;
                        break;
                    }
                }
            }
            boolean last = t.last;
            sawLast = last;
            long lastDone = t.lastFrame;
            t.clear();
            if (last) {
                if (pending != null) {
                    errors.add(pendingStep > lastDone
                            ? new ListenerError(lastDone, "internal error at end of capture: " + pending)
                            : new ListenerError(pendingStep, "internal error while decoding: " + pending));
                }
                return;
            }
            free.add(t);
        }
    }

    /** Read by nobody: keeps {@link #touch} from being optimised away. */
    private long touched;

    /**
     * Reads a field of every event of a batch and of the message and call it holds before the
     * batch is replayed. They were written by the pipeline's thread on the other core, so each
     * first read misses this core's caches; one after the other in a tight loop the misses
     * overlap, where spread over the replay each one stalled the lock view on its own.
     */
    private void touch(Batch t) {
        long sum = 0;
        for (int i = 0; i < t.size; i++) {
            if (t.first[i] instanceof RpcEvent e) {
                sum += e.frame() + e.message().xid();
                if (e.call() != null) {
                    sum += e.call().frame();
                }
            }
        }
        touched += sum;
    }

    private void replay(Batch t, int i) {
        switch (t.kind[i]) {
            case MESSAGE -> {
                RpcEvent e = (RpcEvent) t.first[i];
                // A view of the arena from the record's first byte to its last: the position is
                // not 0, as it is not for the pipeline's own views (a UDP payload within its frame).
                int at = (int) t.a[i];
                ByteBuffer r = t.view;
                r.limit(at + (int) t.b[i]).position(at);
                r.order(t.c[i] != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                listener.onMessage(new RpcEvent(e.frame(), e.timeNanos(), e.transport(), e.connection(), e.src(),
                        e.dst(), e.message(), e.call(), e.retransmission(), e.complete(), r, e.replaced(),
                        e.repeatedReply()));
            }
            case START -> listener.onCaptureStart(t.a[i]);
            case GAP -> listener.onCaptureGap(t.a[i], (Endpoint) t.first[i], (Endpoint) t.second[i], t.b[i], t.c[i]);
            case CLOSED -> listener.onConnectionClosed(t.a[i], t.b[i]);
            default -> throw new IllegalStateException("entry kind " + t.kind[i]);
        }
    }
}
