package org.nfslockscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nfslockscope.capture.NotACaptureException;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.RpcListener;

/** Opens a capture for a command, turning unreadable input into one line and exit code 2. */
final class CaptureInput {
    /** Diagnostics printed on stderr before the rest are only counted. */
    static final int SHOWN_DIAGNOSTICS = 20;

    private CaptureInput() {
    }

    /** The outcome of a pass: a summary, or the one-line reason there is none. */
    record Pass(CaptureSummary summary, Diagnostics diagnostics, String error) {
        boolean failed() {
            return error != null;
        }
    }

    static Pass run(Path path, RpcListener listener) {
        return run(path, listener, Long.MAX_VALUE);
    }

    /** Reads the capture as if it ended after frame {@code untilFrame}. */
    static Pass run(Path path, RpcListener listener, long untilFrame) {
        Diagnostics diagnostics = new Diagnostics(10_000);
        if (!Files.exists(path)) {
            return new Pass(null, diagnostics, path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            return new Pass(null, diagnostics, path + ": is a directory, not a capture file");
        }
        if (!Files.isReadable(path)) {
            return new Pass(null, diagnostics, path + ": permission denied");
        }
        try {
            CaptureSummary s = RpcPipeline.run(path, listener, diagnostics, RpcPipeline.Progress.NONE, untilFrame);
            return new Pass(s, diagnostics, null);
        } catch (NotACaptureException e) {
            return new Pass(null, diagnostics, path + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            return new Pass(null, diagnostics, path + ": no such file");
        } catch (IOException e) {
            return new Pass(null, diagnostics, path + ": cannot read: " + e.getMessage());
        }
    }

    /** Prints the first diagnostics and a count of the rest on stderr. */
    static void printDiagnostics(PrintWriter err, Path path, Diagnostics d) {
        int shown = 0;
        for (Diagnostic x : d.kept()) {
            if (shown++ >= SHOWN_DIAGNOSTICS) {
                break;
            }
            err.println("nfslockscope: " + path.getFileName() + ": " + x);
        }
        if (d.total() > SHOWN_DIAGNOSTICS) {
            err.println("nfslockscope: " + path.getFileName() + ": " + (d.total() - SHOWN_DIAGNOSTICS)
                    + " more diagnostics not shown");
        }
        err.flush();
    }
}
