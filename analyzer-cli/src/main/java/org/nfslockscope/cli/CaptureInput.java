package org.nfslockscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.nfslockscope.capture.CaptureFiles;
import org.nfslockscope.capture.CaptureReader;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.capture.NotACaptureException;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.HandOff;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;

/** Opens a capture for a command, turning unreadable input into one line and exit code 2. */
final class CaptureInput {
    /** Diagnostics printed on stderr before the rest are only counted. */
    static final int SHOWN_DIAGNOSTICS = 20;

    private CaptureInput() {
    }

    /**
     * The outcome of a pass: a summary, or the one-line reason there is none.
     *
     * @param interruptedAfter the last frame read when Ctrl-C cut the pass short, else -1
     */
    record Pass(CaptureSummary summary, Diagnostics diagnostics, String error, long interruptedAfter) {
        Pass(CaptureSummary summary, Diagnostics diagnostics, String error) {
            this(summary, diagnostics, error, -1);
        }

        boolean failed() {
            return error != null;
        }

        boolean interrupted() {
            return interruptedAfter >= 0;
        }
    }

    /**
     * How a pass shows its progress (a bar on stderr, or nothing), how it is stopped, and on how
     * many threads it runs: 1, 2, or 0 for {@link #threadsFor(Path, int)} to decide.
     */
    record Control(boolean progress, PrintStream progressTo, Interrupt interrupt, FileNames names, int threads) {
        /** On one thread: commands that print from the listener (dump) keep their output on the main thread. */
        Control(boolean progress, PrintStream progressTo, Interrupt interrupt, FileNames names) {
            this(progress, progressTo, interrupt, names, 1);
        }

        /** No bar; Ctrl-C is honoured if {@code interrupt} is wired to the signal. */
        static Control quiet(Interrupt interrupt) {
            return new Control(false, null, interrupt, null);
        }

        /** Also learns file names (for --file PATH) while reading. */
        Control learning(FileNames names) {
            return new Control(progress, progressTo, interrupt, names, threads);
        }

        /** With {@code threads} threads (1 or 2), or 0: two when it pays ({@link #threadsFor}). */
        Control threads(int threads) {
            return new Control(progress, progressTo, interrupt, names, threads);
        }
    }

    /**
     * Captures from this size on are read on one thread and analysed on another when the machine
     * has a processor to spare. Below it the JIT compiler and the collector already keep the
     * second processor busy for much of the run, and the split measured no faster (200 MB: none;
     * 500 MB: 1.2x; 1 GB: 1.3x; docs/performance.md, "Two threads").
     */
    static final long TWO_THREADS_FROM_BYTES = 256L << 20;

    /**
     * Frames of this many captured bytes or more on average, at the start of a capture, make it a
     * bulk-data capture (NFS WRITEs and READs of large blocks), which stays on one thread: there the
     * reading and reassembly are most of the work, the analysis gets few messages, and a second
     * thread would only add the copy of every record (a 1 GB WRITE capture: 0.95 s on one thread,
     * 1.18 s on two). Lock traffic runs at 140 to 260 bytes a frame, WRITEs of 256 KiB at 1,500.
     */
    static final int BULK_FRAME_BYTES = 1024;
    /** How much of the start of a capture {@link #bulk} looks at: a few milliseconds of reading. */
    static final long SAMPLE_BYTES = 4L << 20;

    /** How many threads a pass over {@code path} uses when asked for {@code threads} (0: decide). */
    static int threadsFor(Path path, int threads) {
        if (threads == 1 || threads == 2) {
            return threads;
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            return 1;
        }
        if (size < TWO_THREADS_FROM_BYTES) {
            return 1;
        }
        boolean bulk = bulk(path);
        int processors = Runtime.getRuntime().availableProcessors();
        // Sampled only when it can matter: the sample takes 60 ms.
        double others = bulk ? -1 : othersBusy(processors);
        return threadsFor(size, bulk, processors, others);
    }

    /** {@link ProcessorUse#others}, or where there is no /proc the load average less this process. */
    private static double othersBusy(int processors) {
        double others = ProcessorUse.others(processors);
        if (others >= 0) {
            return others;
        }
        // The load average counts this process (and its last run) as about one.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? -1 : Math.max(0, load - 1);
    }

    /**
     * The default for a capture of {@code size} bytes: two threads only when the capture is not
     * bulk data ({@link #BULK_FRAME_BYTES}) and the second thread finds a processor nobody else is
     * using: other processes keep at most processors - 1.5 busy ({@link ProcessorUse}; negative
     * when the system does not tell). On a machine busy with other work the second thread only
     * competes with the first and adds the cost of the copies. The report is the same either way.
     */
    static int threadsFor(long size, boolean bulk, int processors, double othersBusy) {
        return size >= TWO_THREADS_FROM_BYTES && !bulk && processors >= 2 && othersBusy <= processors - 1.5 ? 2 : 1;
    }

    /**
     * Whether the first {@link #SAMPLE_BYTES} of the capture's frames average {@link #BULK_FRAME_BYTES}
     * or more: it depends on the file alone. A capture that cannot be read says no here; the pass
     * reports why.
     */
    static boolean bulk(Path path) {
        try (CaptureReader reader = CaptureFiles.open(path, d -> { })) {
            long frames = 0;
            long bytes = 0;
            Frame f;
            while (bytes < SAMPLE_BYTES && (f = reader.next()) != null) {
                frames++;
                bytes += f.capturedLength();
            }
            return frames > 0 && bytes >= frames * BULK_FRAME_BYTES;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Pass run(Path path, RpcListener listener) {
        return run(path, listener, Long.MAX_VALUE, Control.quiet(new Interrupt()));
    }

    static Pass run(Path path, RpcListener listener, Control control) {
        return run(path, listener, Long.MAX_VALUE, control);
    }

    /** Reads the capture as if it ended after frame {@code untilFrame}. */
    static Pass run(Path path, RpcListener listener, long untilFrame) {
        return run(path, listener, untilFrame, Control.quiet(new Interrupt()));
    }

    static Pass run(Path path, RpcListener listener, long untilFrame, Control control) {
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
        ProgressBar bar = control.progress() ? bar(path, control.progressTo()) : null;
        if (bar != null && control.progressTo() == System.err && Terminal.stderrIsTerminal()) {
            bar.eraseWhenDone();
        }
        boolean complete = false;
        try {
            Interrupt interrupt = control.interrupt();
            RpcListener target = control.names() == null ? listener : new Tee(listener, control.names());
            RpcPipeline.Progress progress = interrupt.around(bar == null ? RpcPipeline.Progress.NONE : bar);
            CaptureSummary s = threadsFor(path, control.threads()) == 2
                    ? twoThreads(path, target, diagnostics, progress, untilFrame)
                    : RpcPipeline.run(path, target, diagnostics, progress, untilFrame);
            complete = !interrupt.interruptedPass();
            return new Pass(s, diagnostics, null, interrupt.stoppedAfter());
        } catch (NotACaptureException e) {
            return new Pass(null, diagnostics, path + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            return new Pass(null, diagnostics, path + ": no such file");
        } catch (IOException e) {
            return new Pass(null, diagnostics, path + ": cannot read: " + e.getMessage());
        } finally {
            if (bar != null) {
                bar.finish(complete);
            }
        }
    }

    /**
     * The pipeline on this thread, the listener on another ({@link HandOff}). The listener sees
     * the callbacks a one-thread pass gives it, in the same order; its exceptions end up where a
     * one-thread pass puts them: as diagnostics (appended after the pipeline's own), or thrown
     * from here. A stop (Ctrl-C, {@code untilFrame}) ends the reading at the same frame, and the
     * listener is given everything read up to it before this returns.
     */
    private static CaptureSummary twoThreads(Path path, RpcListener listener, Diagnostics diagnostics,
                                             RpcPipeline.Progress inner, long untilFrame) throws IOException {
        HandOff handOff = new HandOff(listener);
        RpcPipeline.Progress progress = handOff.around(inner);
        CaptureSummary s;
        try {
            s = RpcPipeline.run(path, handOff, diagnostics, progress, untilFrame);
        } catch (IOException | RuntimeException | Error e) {
            try {
                handOff.finish();
            } catch (RuntimeException | Error late) {
                e.addSuppressed(late);
            }
            throw e;
        }
        handOff.finish();
        List<HandOff.ListenerError> errors = handOff.listenerErrors();
        if (errors.isEmpty()) {
            return s;
        }
        for (HandOff.ListenerError x : errors) {
            diagnostics.report(x.frame(), Diagnostic.Stage.NET, x.message());
        }
        return new CaptureSummary(s.format(), s.frames(), s.bytes(), s.firstTimeNanos(), s.lastTimeNanos(),
                s.tcpConnections(), s.nonIpFrames(), s.rpc(), s.diagnostics() + errors.size(), s.limits());
    }

    /**
     * The pipeline counts decompressed bytes; the bar shows bytes of the file. For gzip the
     * trailer holds the decompressed size (modulo 4 GiB), which gives the ratio; for bzip2 there
     * is none, and the bar shows what was decompressed without a percentage.
     */
    private static ProgressBar bar(Path path, PrintStream err) {
        long size;
        byte[] head = new byte[4];
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            size = f.length();
            f.readFully(head, 0, Math.min(4, (int) Math.min(4, size)));
            if ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                f.seek(size - 4);
                long isize = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
                ProgressBar bar = new ProgressBar(err, path.getFileName().toString(), isize >= size ? size : 0,
                        System::nanoTime);
                bar.scale((double) isize / size);
                return bar;
            }
            if (head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
                return new ProgressBar(err, path.getFileName().toString(), 0, System::nanoTime);
            }
        } catch (IOException e) {
            size = 0;
        }
        return new ProgressBar(err, path.getFileName().toString(), size, System::nanoTime);
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

    /** The analysis first, then the name learner, for every callback the analysis uses. */
    private record Tee(RpcListener first, RpcListener second) implements RpcListener {
        @Override
        public void onCaptureStart(long timeNanos) {
            first.onCaptureStart(timeNanos);
            second.onCaptureStart(timeNanos);
        }

        @Override
        public void onCaptureGap(long connection, org.nfslockscope.net.Endpoint src,
                                 org.nfslockscope.net.Endpoint dst, long missing, long frame) {
            first.onCaptureGap(connection, src, dst, missing, frame);
            second.onCaptureGap(connection, src, dst, missing, frame);
        }

        @Override
        public void onConnectionClosed(long connection, long frame) {
            first.onConnectionClosed(connection, frame);
            second.onConnectionClosed(connection, frame);
        }

        @Override
        public void onMessage(RpcEvent e) {
            first.onMessage(e);
            second.onMessage(e);
        }
    }
}
