package org.nfslockscope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Buffers a (decompressing) input stream so that readers see the same windows as on a mapped file. */
final class StreamByteSource implements ByteSource {
    private final InputStream in;
    /** Large enough that refills are rare; a window larger than this grows the buffer. */
    static final int MAX_INITIAL = 1 << 20;
    private byte[] buf;
    /** All of {@link #buf}, from which windows are sliced: one view per window, not two. */
    private ByteBuffer whole;
    private long bufStart;
    private int bufLen;
    private boolean eof;

    /**
     * @param expectedSize what the stream is expected to hold at most, when known (a plain file's
     *     size): a small capture then does not allocate and zero a full-size buffer, which is most
     *     of the cost of opening it
     */
    StreamByteSource(InputStream in, long expectedSize) {
        this.in = in;
        this.buf = new byte[(int) Math.max(4096, Math.min(MAX_INITIAL, expectedSize))];
        this.whole = ByteBuffer.wrap(buf);
    }

    @Override
    public ByteBuffer window(long offset, int length) throws IOException {
        if (offset < bufStart) {
            throw new IllegalStateException("stream source read backwards");
        }
        if (offset + length > bufStart + bufLen) {
            fill(offset, length);
        }
        int from = (int) Math.min(offset - bufStart, bufLen);
        int n = Math.min(length, bufLen - from);
        return whole.slice(from, n);
    }

    private void fill(long offset, int length) throws IOException {
        long drop = Math.min(offset - bufStart, bufLen);
        System.arraycopy(buf, (int) drop, buf, 0, bufLen - (int) drop);
        bufLen -= (int) drop;
        bufStart += drop;
        while (bufStart < offset && !eof) {
            long skipped = in.skip(offset - bufStart);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    eof = true;
                } else {
                    bufStart++;
                }
            } else {
                bufStart += skipped;
            }
        }
        while (bufLen < length && !eof) {
            if (bufLen == buf.length) {
                // Grown as bytes arrive, not to the length asked for: a damaged block or packet
                // length near the 16 MiB limit must not cost 16 MiB at the end of a small file.
                byte[] bigger = new byte[(int) Math.min(length, buf.length * 2L)];
                System.arraycopy(buf, 0, bigger, 0, bufLen);
                buf = bigger;
                whole = ByteBuffer.wrap(buf);
            }
            int r = in.read(buf, bufLen, buf.length - bufLen);
            if (r < 0) {
                eof = true;
            } else {
                bufLen += r;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
