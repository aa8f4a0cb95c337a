package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.nfslockscope.capture.CaptureFiles;
import org.nfslockscope.capture.CaptureReader;
import org.nfslockscope.capture.Frame;
import org.nfslockscope.capture.NotACaptureException;

/**
 * The capture reader on arbitrary files. The first byte selects a variant so that one corpus
 * covers all readers: bit 0 prefixes a pcap file header, bit 1 a pcapng section and interface
 * (so mutations land in records, not in the magic), bit 2 gzips the result. Allowed outcomes:
 * frames until the end, or NotACaptureException for a file that is no capture.
 */
class CaptureFuzzTest {
    private static final byte[] PCAP_HEADER = {
        (byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0};
    private static final byte[] PCAPNG_HEADER = {
        0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
        -1, -1, -1, -1, -1, -1, -1, -1, 28, 0, 0, 0,
        1, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 20, 0, 0, 0};

    @FuzzTest(maxDuration = "30s")
    void read(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int selector = input[0];
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        if ((selector & 1) != 0) {
            body = concat(PCAP_HEADER, body);
        } else if ((selector & 2) != 0) {
            body = concat(PCAPNG_HEADER, body);
        }
        int plainSize = body.length;
        if ((selector & 4) != 0) {
            body = gzip(body);
        }
        FuzzFiles.with(body, file -> readAll(file, plainSize));
    }

    private static void readAll(Path file, long size) throws IOException {
        Invariants inv = new Invariants();
        CaptureReader reader;
        try {
            reader = CaptureFiles.open(file, inv);
        } catch (NotACaptureException e) {
            return;
        }
        long frames = 0;
        try (reader) {
            Frame f;
            while ((f = reader.next()) != null) {
                frames++;
                if (f.number() != frames) {
                    throw new AssertionError("frame " + frames + " numbered " + f.number());
                }
                if (f.capturedLength() < 0) {
                    throw new AssertionError("negative captured length");
                }
                // Every frame costs at least a record header: more frames than bytes means a loop.
                if (frames > size) {
                    throw new AssertionError("more frames than the input can hold");
                }
            }
        } catch (IOException e) {
            // A stream that ends mid-gzip: the pipeline reports it as "cannot be read further".
            return;
        }
        inv.assertFramesWithin(frames);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

}
