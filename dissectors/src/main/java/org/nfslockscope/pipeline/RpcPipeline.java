package org.nfslockscope.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nfslockscope.capture.CaptureFiles;
import org.nfslockscope.capture.CaptureReader;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.capture.NotACaptureException;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.DiagnosticSink;
import org.nfslockscope.net.NetDecoder;
import org.nfslockscope.rpc.RpcListener;
import org.nfslockscope.rpc.RpcTracker;

/**
 * Runs capture → net → rpc over a file in one streaming pass and hands every RPC message, in
 * capture order, to a listener. Nothing a capture holds makes it throw once the file is open:
 * damage becomes diagnostics with frame numbers, and the pass goes on with what can be read.
 */
public final class RpcPipeline {
    /** Lets a caller watch progress and stop early (Ctrl-C); called every few thousand frames. */
    @FunctionalInterface
    public interface Progress {
        /** Returns false to stop reading. */
        boolean update(long bytesRead, long frames);

        /**
         * Asked after every frame, so that a stop request (Ctrl-C) takes effect at the next
         * frame rather than thousands later; true ends the pass there, as if the capture ended
         * after {@code frame}. Must be cheap.
         */
        default boolean stopAfter(long frame) {
            return false;
        }

        Progress NONE = (b, f) -> true;
    }

    private RpcPipeline() {
    }

    public static CaptureSummary run(Path capture, RpcListener listener, DiagnosticSink diagnostics)
            throws IOException {
        return run(capture, listener, diagnostics, Progress.NONE);
    }

    /**
     * @throws NotACaptureException when the file is not a capture at all
     * @throws IOException when the file cannot be opened
     */
    public static CaptureSummary run(Path capture, RpcListener listener, DiagnosticSink diagnostics,
                                     Progress progress) throws IOException {
        return run(capture, listener, diagnostics, progress, Long.MAX_VALUE);
    }

    /**
     * As {@link #run(Path, RpcListener, DiagnosticSink, Progress)}, but the capture is taken to
     * end after frame {@code untilFrame}: what a capture cut there would show.
     */
    public static CaptureSummary run(Path capture, RpcListener listener, DiagnosticSink diagnostics,
                                     Progress progress, long untilFrame) throws IOException {
        long[] diagCount = {0};
        DiagnosticSink counting = d -> {
            diagCount[0]++;
            diagnostics.report(d);
        };
        RpcTracker rpc = new RpcTracker(listener, counting);
        NetDecoder net = new NetDecoder(rpc, counting);
        long frames = 0;
        long first = -1;
        long last = -1;
        try (CaptureReader reader = CaptureFiles.open(capture, counting)) {
            while (true) {
                Frame f;
                try {
                    f = reader.next();
                } catch (IOException e) {
                    counting.report(frames + 1, Diagnostic.Stage.CAPTURE,
                            "capture cannot be read further: " + e.getMessage());
                    break;
                }
                if (f == null || f.number() > untilFrame) {
                    break;
                }
                frames = f.number();
                if (frames == 1) {
                    first = f.timeNanos();
                    listener.onCaptureStart(first);
                }
                last = f.timeNanos();
                try {
                    net.frame(f);
                } catch (RuntimeException e) {
                    // A decoder bug must cost one frame, not the whole analysis.
                    counting.report(f.number(), Diagnostic.Stage.NET, "internal error while decoding: " + e);
                }
                if (progress.stopAfter(frames)
                        || (frames & 0xfff) == 0 && !progress.update(reader.position(), frames)) {
                    break;
                }
            }
            try {
                net.finish();
                rpc.finish();
            } catch (RuntimeException e) {
                counting.report(frames, Diagnostic.Stage.NET, "internal error at end of capture: " + e);
            }
            progress.update(reader.position(), frames);
            return new CaptureSummary(reader.format(), frames, Files.size(capture), first, last,
                    net.tcpConnections(), net.otherFrames(), rpc.stats(), diagCount[0], net.counters());
        }
    }
}
