package org.nfslockscope.cli;

import org.nfslockscope.pipeline.RpcPipeline;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A request to stop reading (Ctrl-C), and where the pass actually stopped. The SIGINT handler
 * only calls {@link #request()}; the pipeline asks {@link #stopAfter(long)} after every frame, so
 * the command ends with a report of frames 1..N instead of dying with nothing.
 */
final class Interrupt {
    /** What a shell reports for a process stopped by SIGINT (128 + 2); scripts know it. */
    static final int EXIT_CODE = 130;

    private volatile boolean requested;
    private volatile long stoppedAfter = -1;
    private final long requestAfterFrame;

    Interrupt() {
        this(Long.MAX_VALUE);
    }

    private Interrupt(long requestAfterFrame) {
        this.requestAfterFrame = requestAfterFrame;
    }

    /** Requests the stop by itself once frame {@code frame} is read: Ctrl-C at a known frame, for tests. */
    static Interrupt afterFrame(long frame) {
        return new Interrupt(frame);
    }

    /** What the signal handler calls; safe from any thread. */
    void request() {
        requested = true;
    }

    boolean requested() {
        return requested;
    }

    /** The last frame read when the pass stopped on request; -1 if no pass was cut short. */
    long stoppedAfter() {
        return stoppedAfter;
    }

    boolean interruptedPass() {
        return stoppedAfter >= 0;
    }

    boolean stopAfter(long frame) {
        if (frame >= requestAfterFrame) {
            request();
        }
        if (requested) {
            stoppedAfter = frame;
            return true;
        }
        return false;
    }

    /** {@code inner} (a progress bar, or nothing) that also stops when asked. */
    RpcPipeline.Progress around(RpcPipeline.Progress inner) {
        return new RpcPipeline.Progress() {
            @Override
            public boolean update(long bytesRead, long frames) {
                return inner.update(bytesRead, frames);
            }

            @Override
            public boolean stopAfter(long frame) {
                return Interrupt.this.stopAfter(frame);
            }
        };
    }

    /** Restores the previous SIGINT handler. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Routes SIGINT to {@link #request()} until closed. A second Ctrl-C while the first is being
     * honoured ends the JVM at once with exit code 130, for a user who really wants out.
     */
    Handle onSigint() {
        Signal sigint = new Signal("INT");
        SignalHandler[] previous = new SignalHandler[1];
        try {
            previous[0] = Signal.handle(sigint, s -> {
                if (requested) {
                    Runtime.getRuntime().halt(EXIT_CODE);
                }
                request();
            });
        } catch (IllegalArgumentException e) {
            // No SIGINT to catch (e.g. the JVM runs with -Xrs): Ctrl-C keeps its default meaning.
            return () -> { };
        }
        return () -> Signal.handle(sigint, previous[0]);
    }
}
