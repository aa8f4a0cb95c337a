package org.nfslockscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfslockscope.capture.CaptureFiles;
import org.nfslockscope.capture.CaptureReader;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.diag.DiagnosticSink;

/**
 * The frames of a real capture as plain values, to be damaged (dropped, cut, reordered) and
 * written back. Writing is pcapng with nanosecond timestamps and one interface per link type, so
 * that any capture, including one whose interfaces differ in link type, round-trips.
 */
public final class FrameFile {
    /** One frame, copied out of the reader's buffer. */
    public record Packet(long timeNanos, int linkType, int originalLength, byte[] data) {
        public Packet cut(int snaplen) {
            return data.length <= snaplen ? this
                    : new Packet(timeNanos, linkType, originalLength, java.util.Arrays.copyOf(data, snaplen));
        }
    }

    /** A written file and where each frame's block starts in it. */
    public record Written(byte[] bytes, long[] offsets) {
    }

    private FrameFile() {
    }

    /** The first {@code max} frames of {@code capture}. */
    public static List<Packet> read(Path capture, int max) {
        List<Packet> out = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(capture, DiagnosticSink.IGNORE)) {
            Frame f;
            while (out.size() < max && (f = r.next()) != null) {
                byte[] d = new byte[f.capturedLength()];
                f.data().duplicate().get(d);
                out.add(new Packet(f.timeNanos(), f.linkType(), f.originalLength(), d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static Written write(List<Packet> packets) {
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        BytesOut file = new BytesOut(order);
        file.u32(0x0A0D0D0A).u32(28).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1).u32(28);
        Map<Integer, Integer> ifaces = new LinkedHashMap<>();
        for (Packet p : packets) {
            ifaces.computeIfAbsent(p.linkType(), k -> ifaces.size());
        }
        for (int link : ifaces.keySet()) {
            // if_tsresol = 9 (nanoseconds), then opt_endofopt
            file.u32(1).u32(32).u16(link).u16(0).u32(0).u16(9).u16(1).u8(9).pad(4).u16(0).u16(0).u32(32);
        }
        long[] offsets = new long[packets.size()];
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            offsets[i] = file.length();
            int length = 32 + ((p.data().length + 3) & ~3);
            file.u32(6).u32(length).u32(ifaces.get(p.linkType()))
                    .u32(p.timeNanos() >>> 32).u32(p.timeNanos())
                    .u32(p.data().length).u32(p.originalLength()).bytes(p.data()).pad(4).u32(length);
        }
        return new Written(file.toArray(), offsets);
    }
}
