package org.nfslockscope.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;

/**
 * The CI gate: which findings count ({@code --ignore}) and which of those fail the run
 * ({@code --fail-on}). The summary, the JUnit report and the exit code all ask this one object,
 * so they cannot disagree about what failed.
 *
 * @param failOn  the least grave severity that fails
 * @param ignored ids whose findings are dropped from every report
 */
public record CheckPolicy(Severity failOn, Set<FindingType> ignored) {

    public CheckPolicy {
        Objects.requireNonNull(failOn, "failOn");
        EnumSet<FindingType> copy = EnumSet.noneOf(FindingType.class);
        copy.addAll(ignored);
        ignored = Set.copyOf(copy);
    }

    /** The default of {@code check}: fail on errors, ignore nothing. */
    public static CheckPolicy defaults() {
        return new CheckPolicy(Severity.ERROR, Set.of());
    }

    public boolean ignores(FindingType type) {
        return ignored.contains(type);
    }

    /** The findings that are reported, in capture order. */
    public List<Finding> reported(CaptureResult result) {
        return result.findings().stream().filter(f -> !ignores(f.type())).toList();
    }

    public boolean fails(Finding finding) {
        return !ignores(finding.type()) && finding.severity().atLeast(failOn);
    }

    /** The findings that fail the gate, in capture order. */
    public List<Finding> failing(CaptureResult result) {
        return result.findings().stream().filter(this::fails).toList();
    }
}
