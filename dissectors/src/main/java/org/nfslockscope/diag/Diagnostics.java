package org.nfslockscope.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects diagnostics with a bound on how many are kept: a badly damaged capture can produce one
 * per frame, and memory must not grow with the capture. Everything is counted; the first
 * {@code keep} are kept verbatim.
 */
public final class Diagnostics implements DiagnosticSink {
    private final int keep;
    private final List<Diagnostic> kept = new ArrayList<>();
    private final Map<Diagnostic.Stage, Long> counts = new EnumMap<>(Diagnostic.Stage.class);
    private long total;

    public Diagnostics(int keep) {
        this.keep = keep;
    }

    @Override
    public void report(Diagnostic diagnostic) {
        total++;
        counts.merge(diagnostic.stage(), 1L, Long::sum);
        if (kept.size() < keep) {
            kept.add(diagnostic);
        }
    }

    public long total() {
        return total;
    }

    public List<Diagnostic> kept() {
        return Collections.unmodifiableList(kept);
    }

    public Map<Diagnostic.Stage, Long> countsByStage() {
        return Collections.unmodifiableMap(counts);
    }
}
