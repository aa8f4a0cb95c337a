package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.nfslockscope.analysis.LockView;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.capture.NotACaptureException;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.RpcPipeline;

/**
 * Damaged captures through the lock view, as {@code analyze} runs it: whatever the messages say,
 * the view must take them without failing (the pipeline would report the exception as an
 * internal error, and the view would have skipped the rest of that message), and every finding it
 * raises must name frames of the capture. The seeds are the first frames of the real lock
 * captures, so mutations are lock traffic with damage in it.
 */
class LockViewFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void capture(byte[] input) throws IOException {
        FuzzFiles.with(input, LockViewFuzzTest::run);
    }

    private static void run(Path file) throws IOException {
        Invariants inv = new Invariants();
        LockView view = new LockView(Settings.defaults());
        CaptureSummary s;
        try {
            s = RpcPipeline.run(file, view, inv);
        } catch (NotACaptureException e) {
            return;
        }
        view.finish();
        inv.assertFramesWithin(s.frames());
        if (view.decodeFailures() != 0) {
            throw new AssertionError(view.decodeFailures() + " bodies no decoder could handle");
        }
        for (Finding f : view.findings()) {
            if (f.frame() < 1 || f.frame() > s.frames()) {
                throw new AssertionError("finding outside the capture's " + s.frames() + " frames: " + f);
            }
            for (long frame : f.frames()) {
                if (frame < 1 || frame > s.frames()) {
                    throw new AssertionError("evidence outside the capture's " + s.frames() + " frames: " + f);
                }
            }
        }
        view.heldAtEnd();
        view.waitersAtEnd();
        view.contention();
    }
}
