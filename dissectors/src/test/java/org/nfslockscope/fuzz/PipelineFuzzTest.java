package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.nfslockscope.capture.NotACaptureException;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.RpcPipeline;

/**
 * The whole pipeline, capture file to decoded bodies. The seeds are small real captures, so the
 * fuzzer's mutations are damaged captures rather than noise that fails at the file header.
 */
class PipelineFuzzTest {
    private static final Decoders DECODERS = Decoders.standard();

    @FuzzTest(maxDuration = "30s")
    void capture(byte[] input) throws IOException {
        FuzzFiles.with(input, file -> run(file, input.length));
    }

    private static void run(Path file, int size) throws IOException {
        Invariants inv = new Invariants();
        CaptureSummary s;
        try {
            s = RpcPipeline.run(file, e -> Invariants.assertDescribable(DECODERS.decode(e)), inv);
        } catch (NotACaptureException e) {
            return;
        }
        if (s.frames() > size) {
            throw new AssertionError(s.frames() + " frames from " + size + " bytes");
        }
        inv.assertFramesWithin(s.frames());
    }
}
