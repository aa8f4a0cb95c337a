package org.nfslockscope.capture;

import java.io.IOException;

/** Reads frames from a capture, one at a time, in file order. */
public interface CaptureReader extends AutoCloseable {

    /** The next frame, or {@code null} at the end of the capture (or where it is damaged beyond reading). */
    Frame next() throws IOException;

    CaptureFormat format();

    /** Bytes of the (decompressed) capture consumed so far, for progress and throughput. */
    long position();

    @Override
    void close() throws IOException;
}
