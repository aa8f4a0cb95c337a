package org.nfslockscope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Forward-only random access to the bytes of a capture: readers ask for a window at an offset
 * that never goes backwards. Memory-mapped for plain files, buffered for decompressed streams.
 */
interface ByteSource extends Closeable {

    /**
     * Up to {@code length} bytes starting at {@code offset}, as a big-endian buffer from position 0.
     * Fewer bytes only at the end of the input. Valid until the next call.
     */
    ByteBuffer window(long offset, int length) throws IOException;
}
