package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.nfslockscope.capture.NotACaptureException;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.RpcPipeline;

/**
 * The whole pipeline, capture file to decoded bodies. The seeds are small real captures, so the
 * fuzzer's mutations are damaged captures rather than noise that fails at the file header.
 */
class PipelineFuzzTest {
    private static final Path FILE = tempFile();
    private static final Decoders DECODERS = Decoders.standard();

    @FuzzTest(maxDuration = "30s")
    void capture(byte[] input) throws IOException {
        Files.write(FILE, input);
        Invariants inv = new Invariants();
        CaptureSummary s;
        try {
            s = RpcPipeline.run(FILE, e -> Invariants.assertDescribable(DECODERS.decode(e)), inv);
        } catch (NotACaptureException e) {
            return;
        }
        if (s.frames() > input.length) {
            throw new AssertionError(s.frames() + " frames from " + input.length + " bytes");
        }
        inv.assertFramesWithin(s.frames());
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("fuzz-pipeline", ".pcap");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(FILE);
    }
}
