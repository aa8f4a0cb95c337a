package org.nfslockscope.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.nfslockscope.diag.DiagnosticSink;

/** Opens a capture file of any supported kind, telling the kind by its first bytes, not its name. */
public final class CaptureFiles {
    /** Largest packet we accept; pcap's own limit for most link types is 256 KiB. */
    static final int MAX_PACKET = 1 << 24;
    /** Largest pcapng block we accept. */
    static final long MAX_BLOCK = MAX_PACKET + 65536L;

    private CaptureFiles() {
    }

    /**
     * Opens {@code path}. gzip and bzip2 are decompressed on the fly; plain files are read through one reused buffer.
     *
     * @throws NotACaptureException when the (decompressed) content is neither pcap nor pcapng
     */
    public static CaptureReader open(Path path, DiagnosticSink diagnostics) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(magic, 0, 4);
        }
        ByteSource source;
        if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            source = decompressing(path, true);
        } else if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            source = decompressing(path, false);
        } else {
            source = new StreamByteSource(Files.newInputStream(path), Files.size(path));
        }
        try {
            return open(source, diagnostics);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The decompressors read their own header when built: a damaged one means the file is no capture. */
    private static ByteSource decompressing(Path path, boolean gzip) throws IOException {
        InputStream raw = Files.newInputStream(path);
        try {
            return new StreamByteSource(gzip ? new GZIPInputStream(raw, 1 << 16)
                    : new BZip2CompressorInputStream(new BufferedInputStream(raw, 1 << 16), true),
                    StreamByteSource.MAX_INITIAL);
        } catch (IOException e) {
            raw.close();
            throw new NotACaptureException("cannot decompress: " + e.getMessage());
        }
    }

    private static CaptureReader open(ByteSource source, DiagnosticSink diagnostics) throws IOException {
        ByteBuffer header;
        try {
            header = source.window(0, 24).order(ByteOrder.BIG_ENDIAN);
        } catch (IOException e) {
            throw new NotACaptureException("cannot decompress: " + e.getMessage());
        }
        if (header.remaining() < 4) {
            throw new NotACaptureException(header.remaining() == 0 ? "file is empty"
                    : "file is too short to be a capture (" + header.remaining() + " bytes)");
        }
        int m = header.getInt(0);
        if (m == PcapngReader.SHB) {
            return new PcapngReader(source, diagnostics);
        }
        int r = Integer.reverseBytes(m);
        if (m == PcapReader.MAGIC_US || m == PcapReader.MAGIC_NS
                || r == PcapReader.MAGIC_US || r == PcapReader.MAGIC_NS) {
            return new PcapReader(source, header, diagnostics);
        }
        throw new NotACaptureException(String.format(
                "not a pcap or pcapng capture (first bytes %02x %02x %02x %02x)",
                header.get(0), header.get(1), header.get(2), header.get(3)));
    }
}
