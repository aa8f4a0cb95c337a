package org.nfslockscope.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nfslockscope.capture.CaptureFiles;
import org.nfslockscope.capture.CaptureReader;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.diag.Diagnostic;

/** Runs a capture through the net stage and records what it hands on, for assertions. */
final class StreamRecorder implements StreamHandler {
    /** One callback: data (with its bytes), a gap, a close. */
    record Event(String kind, long connection, int direction, byte[] data, long missing, long frame) {
        @Override
        public String toString() {
            return kind + "#" + connection + "/" + direction + "@" + frame
                    + (kind.equals("data") ? "[" + data.length + "]" : kind.equals("gap") ? "(" + missing + ")" : "");
        }
    }

    final List<Event> events = new ArrayList<>();
    final List<TcpConnection> connections = new ArrayList<>();
    final List<UdpDatagram> datagrams = new ArrayList<>();
    final List<byte[]> datagramBytes = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    static StreamRecorder run(Path capture) {
        StreamRecorder r = new StreamRecorder();
        NetDecoder net = new NetDecoder(r, r.diagnostics::add);
        try (CaptureReader reader = CaptureFiles.open(capture, r.diagnostics::add)) {
            for (Frame f = reader.next(); f != null; f = reader.next()) {
                net.frame(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        net.finish();
        return r;
    }

    @Override
    public void onData(TcpConnection c, int direction, ByteBuffer data, long frame, long timeNanos) {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        note(c);
        events.add(new Event("data", c.id(), direction, b, 0, frame));
    }

    @Override
    public void onGap(TcpConnection c, int direction, long missing, long frame) {
        note(c);
        events.add(new Event("gap", c.id(), direction, null, missing, frame));
    }

    @Override
    public void onClose(TcpConnection c, long frame) {
        events.add(new Event("close", c.id(), -1, null, 0, frame));
    }

    @Override
    public void onDatagram(UdpDatagram d) {
        datagrams.add(d);
        byte[] b = new byte[d.payload().remaining()];
        d.payload().duplicate().get(b);
        datagramBytes.add(b);
    }

    private void note(TcpConnection c) {
        if (!connections.contains(c)) {
            connections.add(c);
        }
    }

    /** The direction's bytes in delivery order. */
    byte[] stream(long connection, int direction) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Event e : of(connection, direction, "data")) {
            out.writeBytes(e.data());
        }
        return out.toByteArray();
    }

    List<Event> of(long connection, int direction, String kind) {
        return events.stream().filter(e -> e.connection() == connection && e.direction() == direction
                && e.kind().equals(kind)).toList();
    }

    /** Gaps of known size reported for the direction, in order. */
    List<Long> gaps(long connection, int direction) {
        return of(connection, direction, "gap").stream().map(Event::missing).toList();
    }
}
