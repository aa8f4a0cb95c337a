package org.nfslockscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Iface;
import org.nfslockscope.testing.IpPacket;
import org.nfslockscope.testing.Link;

class CaptureReaderTest {
    private static final long T0 = CaptureBuilder.DEFAULT_START_NANOS + 123_456_789L;

    @TempDir
    Path dir;

    /** What a frame said, copied out of the reader's buffer. */
    record Seen(long number, long time, int linkType, int iface, int captured, int original) {
    }

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private List<Seen> read(Path file) throws IOException {
        List<Seen> out = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(file, diagnostics::add)) {
            for (Frame f = r.next(); f != null; f = r.next()) {
                out.add(new Seen(f.number(), f.timeNanos(), f.linkType(), f.interfaceId(), f.capturedLength(),
                        f.originalLength()));
            }
        }
        return out;
    }

    private static IpPacket packet(int size) {
        Host a = Host.of("10.0.0.1");
        Host b = Host.of("10.0.0.2");
        return IpPacket.of(a, b, IpPacket.UDP, new byte[size]);
    }

    @ParameterizedTest
    @CsvSource({"false,BIG_ENDIAN", "false,LITTLE_ENDIAN", "true,BIG_ENDIAN", "true,LITTLE_ENDIAN"})
    void pcapInEitherResolutionAndByteOrder(boolean nanos, String order) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.raw()).time(T0).step(1_000_000_001L)
                .order(order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).snaplen(100);
        if (nanos) {
            b.nanos();
        }
        b.emit(0, packet(10));
        b.emit(0, packet(500));
        List<Seen> seen = read(b.write(dir.resolve("x.pcap")));
        long t0 = nanos ? T0 : T0 / 1000 * 1000;
        long t1 = nanos ? T0 + 1_000_000_001L : (T0 + 1_000_000_001L) / 1000 * 1000;
        assertEquals(List.of(new Seen(1, t0, LinkType.RAW, 0, 30, 30), new Seen(2, t1, LinkType.RAW, 0, 100, 520)), seen);
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void pcapngSectionsInterfacesAndBlockKindsAreNumberedAsOneCapture() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcapng().time(T0);
        int eth = b.iface(Link.ethernet());
        int sll = b.iface(Iface.of(Link.sll()).tsresol(9));
        int raw = b.iface(Iface.of(Link.raw()).tsresol(3).tsoffset(1_000_000));
        b.emit(eth, packet(10));
        b.emit(sll, packet(10));
        b.section(ByteOrder.LITTLE_ENDIAN);
        b.emit(raw, packet(10));
        b.blocks(CaptureBuilder.Block.OPB);
        b.emit(sll, packet(20));
        b.section(ByteOrder.BIG_ENDIAN);
        b.blocks(CaptureBuilder.Block.SPB);
        b.emit(eth, packet(30));
        b.blocks(CaptureBuilder.Block.EPB);
        b.emit(raw, packet(40));
        List<Seen> seen = read(b.write(dir.resolve("x.pcapng")));
        long ms = 1_000_000L;
        assertEquals(List.of(
                new Seen(1, T0 / 1000 * 1000, LinkType.ETHERNET, 0, 60, 60),
                new Seen(2, T0 + ms, LinkType.LINUX_SLL, 1, 46, 46),
                new Seen(3, (T0 + 2 * ms) / ms * ms, LinkType.RAW, 2, 30, 30),
                new Seen(4, T0 + 3 * ms, LinkType.LINUX_SLL, 1, 56, 56),
                new Seen(5, 0, LinkType.ETHERNET, 0, 64, 64),
                new Seen(6, (T0 + 5 * ms) / ms * ms, LinkType.RAW, 2, 60, 60)), seen);
        assertEquals(List.of(), diagnostics);
    }

    @ParameterizedTest
    @CsvSource({"20", "30", "32", "10"})
    void binaryTimestampResolution(int exponent) throws IOException {
        CaptureBuilder b = CaptureBuilder.pcapng().time(T0).step(333_333_333L);
        int i = b.iface(Iface.of(Link.raw()).tsresol(0x80 | exponent));
        for (int n = 0; n < 4; n++) {
            b.emit(i, packet(4));
        }
        List<Seen> seen = read(b.write(dir.resolve("x.pcapng")));
        double unit = 1e9 / Math.pow(2, exponent);
        for (int n = 0; n < 4; n++) {
            long expected = T0 + n * 333_333_333L;
            long got = seen.get(n).time();
            assertTrue(Math.abs(got - expected) <= unit + 1, "frame " + n + ": " + got + " vs " + expected);
        }
    }

    @Test
    void tsoffsetIsAddedToEveryTimestamp() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcapng().time(T0);
        b.emit(b.iface(Iface.of(Link.raw()).tsresol(9).tsoffset(1_600_000_000L)), packet(4));
        assertEquals(T0, read(b.write(dir.resolve("x.pcapng"))).get(0).time());
    }

    @Test
    void gzipAndBzip2AreReadLikeThePlainFile() throws IOException {
        for (boolean bz : new boolean[] {false, true}) {
            CaptureBuilder b = CaptureBuilder.pcapng();
            b.iface(Link.raw());
            for (int n = 0; n < 2000; n++) {
                b.emit(0, packet(n % 700));
            }
            List<Seen> plain = read(b.write(dir.resolve("p.pcapng")));
            (bz ? b.bzip2() : b.gzip()).write(dir.resolve("c.pcapng.z"));
            assertEquals(plain, read(dir.resolve("c.pcapng.z")));
            assertEquals(2000, plain.size());
        }
    }

    @Test
    void pcapGzipAndByteSwappedTogether() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.ethernet()).order(ByteOrder.LITTLE_ENDIAN).nanos().gzip().time(T0);
        b.emit(0, packet(100));
        assertEquals(List.of(new Seen(1, T0, LinkType.ETHERNET, 0, 134, 134)), read(b.write(dir.resolve("x.pcap.gz"))));
    }

    @Test
    void textAndEmptyAndTinyFilesAreNotCaptures() throws IOException {
        Path text = Files.writeString(dir.resolve("t.txt"), "hello, this is not a capture\n", StandardCharsets.US_ASCII);
        Path empty = Files.write(dir.resolve("e"), new byte[0]);
        Path tiny = Files.write(dir.resolve("t"), new byte[] {(byte) 0xd4, (byte) 0xc3});
        Path headerOnly = Files.write(dir.resolve("h"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        for (Path p : List.of(text, empty, tiny, headerOnly)) {
            assertThrows(NotACaptureException.class, () -> read(p), p.toString());
        }
        Path gzText = dir.resolve("t.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzText))) {
            out.write("not a capture either".getBytes(StandardCharsets.US_ASCII));
        }
        assertThrows(NotACaptureException.class, () -> read(gzText));
        Path brokenGz = Files.write(dir.resolve("b.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertThrows(NotACaptureException.class, () -> read(brokenGz));
        Path brokenBz = Files.write(dir.resolve("b.bz2"), new byte[] {'B', 'Z', 'h', 'x', 1, 2, 3});
        assertThrows(NotACaptureException.class, () -> read(brokenBz));
    }

    @Test
    void pcapWithOnlyAHeaderHasNoFrames() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap(Link.raw());
        assertEquals(List.of(), read(b.write(dir.resolve("x.pcap"))));
        assertEquals(List.of(), diagnostics);
    }
}
