package org.nfslockscope.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.DiagnosticSink;
import org.nfslockscope.nlm.JsonFields;

/**
 * What every fuzz target asserts beyond "nothing was thrown": diagnostics name a frame, no stage
 * fell back on its internal-error catch, and a decoded body can be described. A failed check is
 * an AssertionError, which Jazzer reports as a finding like any escaped exception.
 */
final class Invariants implements DiagnosticSink {
    /** More diagnostics than this from one small input means a stage reports in a loop. */
    private static final int MAX_DIAGNOSTICS = 1 << 16;

    private final List<Diagnostic> seen = new ArrayList<>();

    @Override
    public void report(Diagnostic d) {
        if (d.frame() <= 0) {
            throw new AssertionError("diagnostic without a frame number: " + d);
        }
        if (d.message().contains("internal error")) {
            throw new AssertionError("a stage caught its own bug: " + d);
        }
        if (seen.size() >= MAX_DIAGNOSTICS) {
            throw new AssertionError("unbounded diagnostics");
        }
        seen.add(d);
    }

    List<Diagnostic> diagnostics() {
        return seen;
    }

    /** Frames are numbered from 1 and a diagnostic may name at most the frame after the last read. */
    void assertFramesWithin(long frames) {
        for (Diagnostic d : seen) {
            if (d.frame() > frames + 1) {
                throw new AssertionError("diagnostic past the last frame " + frames + ": " + d);
            }
        }
    }

    /** A decoder reports damage in the body, never by failing, and never as its own bug. */
    static void assertDescribable(DecodedBody body) {
        if (body == null) {
            return;
        }
        String damage = body.damage();
        if (damage != null && damage.contains("internal error")) {
            throw new AssertionError("decoder caught its own bug: " + damage);
        }
        JsonFields.of(body);
    }
}
