package org.nfslockscope.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nfslockscope.bench.gen.CaptureKind;
import org.nfslockscope.capture.CaptureFiles;
import org.nfslockscope.capture.CaptureReader;
import org.nfslockscope.capture.Frame;

/** Inputs shared by the JMH benchmarks: a generated capture on disk and its frames in memory. */
final class BenchCaptures {
    private BenchCaptures() {
    }

    /** Writes a capture of {@code kind} of about {@code bytes} bytes to a temporary file. */
    static Path write(CaptureKind kind, long bytes) {
        try {
            Path file = Files.createTempFile("nfslockscope-jmh-" + kind.label(), ".pcap");
            file.toFile().deleteOnExit();
            kind.write(file, bytes, 0, 7);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file's frames with their bytes copied to the heap, so that a benchmark of a later
     * stage measures that stage and not the reader.
     */
    static List<Frame> frames(Path file) {
        List<Frame> frames = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(file, d -> { })) {
            for (Frame f = r.next(); f != null; f = r.next()) {
                ByteBuffer copy = ByteBuffer.allocate(f.data().remaining());
                copy.put(f.data().duplicate()).flip();
                frames.add(new Frame(f.number(), f.timeNanos(), f.linkType(), f.interfaceId(), f.originalLength(), copy));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return frames;
    }
}
