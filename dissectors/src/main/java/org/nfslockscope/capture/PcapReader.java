package org.nfslockscope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.DiagnosticSink;

/** Classic libpcap files: microsecond or nanosecond timestamps, either byte order. */
final class PcapReader implements CaptureReader {
    static final int MAGIC_US = 0xa1b2c3d4;
    static final int MAGIC_NS = 0xa1b23c4d;
    private static final int HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final ByteSource source;
    private final DiagnosticSink diagnostics;
    private final ByteOrder order;
    private final boolean nanos;
    private final int linkType;
    private long pos = HEADER;
    private long frames;
    private boolean done;

    PcapReader(ByteSource source, ByteBuffer header, DiagnosticSink diagnostics) throws NotACaptureException {
        this.source = source;
        this.diagnostics = diagnostics;
        int magic = header.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == MAGIC_US || magic == MAGIC_NS) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            order = ByteOrder.LITTLE_ENDIAN;
            magic = Integer.reverseBytes(magic);
        }
        nanos = magic == MAGIC_NS;
        if (header.remaining() < HEADER) {
            throw new NotACaptureException("pcap file header is truncated (" + header.remaining() + " of 24 bytes)");
        }
        header.order(order);
        // The upper bits of the link-type field carry FCS information (pcap-savefile(5)).
        linkType = header.getInt(20) & 0x03ffffff;
    }

    @Override
    public Frame next() throws IOException {
        if (done) {
            return null;
        }
        ByteBuffer rh = source.window(pos, RECORD_HEADER).order(order);
        if (rh.remaining() == 0) {
            done = true;
            return null;
        }
        long number = frames + 1;
        if (rh.remaining() < RECORD_HEADER) {
            return stop(number, "capture ends inside a packet header (" + rh.remaining() + " of 16 bytes)");
        }
        long sec = rh.getInt(0) & 0xffffffffL;
        long frac = rh.getInt(4) & 0xffffffffL;
        int incl = rh.getInt(8);
        int orig = rh.getInt(12);
        if (incl < 0 || incl > CaptureFiles.MAX_PACKET) {
            return stop(number, "packet header claims " + (incl & 0xffffffffL)
                    + " captured bytes; the file is damaged here and reading stops");
        }
        ByteBuffer data = source.window(pos + RECORD_HEADER, incl);
        if (data.remaining() < incl) {
            diagnostics.report(number, Diagnostic.Stage.CAPTURE, "capture ends inside the packet ("
                    + data.remaining() + " of " + incl + " bytes present)");
            done = true;
        }
        pos += RECORD_HEADER + (long) incl;
        frames = number;
        long time = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        return new Frame(number, time, linkType, 0, Math.max(orig, data.remaining()), data);
    }

    private Frame stop(long number, String message) {
        diagnostics.report(number, Diagnostic.Stage.CAPTURE, message);
        done = true;
        return null;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
