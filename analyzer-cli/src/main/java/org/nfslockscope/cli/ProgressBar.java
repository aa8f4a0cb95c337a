package org.nfslockscope.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.nfslockscope.pipeline.RpcPipeline;

/**
 * One line on stderr, redrawn in place: how far into the file, MB/s, and the time left. Drawn at
 * most ten times a second so that a fast pass is not slowed by its own progress.
 */
final class ProgressBar implements RpcPipeline.Progress {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final String name;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private long bytes;
    private long frames;
    private int lastLength;

    /**
     * @param total the file's size, or 0 when it cannot be related to what the pipeline counts
     *              (compressed input of unknown decompressed size): then no percentage or ETA
     */
    ProgressBar(PrintStream err, String name, long total, LongSupplier clock) {
        this.err = err;
        this.name = name;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    private double scale = 1.0;

    /**
     * Decompressed bytes per byte of file, for compressed input whose decompressed size is known:
     * the pipeline counts decompressed bytes, the bar shows bytes of the file.
     */
    void scale(double decompressedPerFileByte) {
        this.scale = decompressedPerFileByte;
    }

    @Override
    public boolean update(long bytesRead, long framesRead) {
        bytes = total > 0 ? Math.min(total, (long) (bytesRead / scale)) : bytesRead;
        frames = framesRead;
        long now = clock.getAsLong();
        if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(line(now));
        }
        return true;
    }

    private boolean erase;

    /** On a terminal the bar is wiped when done, so the report starts on a clean screen. */
    void eraseWhenDone() {
        erase = true;
    }

    /** In a log the last line stays, ended, so what follows starts on a line of its own. */
    void finish(boolean complete) {
        if (lastDraw == Long.MIN_VALUE) {
            return;  // the file was no capture: nothing was read, the error line says why
        }
        if (erase) {
            // Erase to the end of the line: that also takes a "^C" the terminal echoed after the bar.
            err.print("\r\u001b[K");
            err.flush();
            return;
        }
        if (complete && total > 0) {
            bytes = total;
        }
        draw(line(clock.getAsLong()));
        err.println();
        err.flush();
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = bytes / seconds;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %s decompressed  %.1f MB/s  frame %d", name, mb(bytes), rate / 1e6,
                    frames);
        }
        double fraction = total > 0 ? Math.min(1.0, (double) bytes / total) : 1.0;
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder sb = new StringBuilder(100).append(name).append(" [");
        sb.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        sb.append(String.format(Locale.ROOT, "%3d%%  %s / %s  %.1f MB/s  frame %d", Math.round(fraction * 100),
                mb(bytes), mb(total), rate / 1e6, frames));
        if (bytes < total && rate > 0) {
            sb.append("  ETA ").append(duration((long) ((total - bytes) / rate)));
        }
        return sb.toString();
    }

    private static String mb(long b) {
        return b < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", b / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private void draw(String line) {
        // Pad over the previous, longer line instead of relying on an erase sequence.
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        lastLength = line.length();
        err.print("\r" + line + pad);
        err.flush();
    }
}
