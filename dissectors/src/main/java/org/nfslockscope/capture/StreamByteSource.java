package org.nfslockscope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Buffers a (decompressing) input stream so that readers see the same windows as on a mapped file. */
final class StreamByteSource implements ByteSource {
    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private long bufStart;
    private int bufLen;
    private boolean eof;

    StreamByteSource(InputStream in) {
        this.in = in;
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
        return ByteBuffer.wrap(buf, from, n).slice();
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
        if (length > buf.length) {
            byte[] bigger = new byte[Math.max(length, buf.length * 2)];
            System.arraycopy(buf, 0, bigger, 0, bufLen);
            buf = bigger;
        }
        while (bufLen < length && !eof) {
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
