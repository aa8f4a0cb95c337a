package org.nfslockscope.report;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;

/**
 * What one capture produced: the input of the JUnit and SARIF writers and of the {@code check}
 * summary. The analyzer fills it; the reports never look at anything else.
 *
 * @param capture         the capture as named on the command line (reports print it as given)
 * @param format          the capture format label ("pcap", "pcapng"), or null if unreadable
 * @param frames          frames read
 * @param findings        every finding, in capture order; the reports apply {@code --ignore}
 *                        and {@code --fail-on} themselves
 * @param checked         the rules the analyzer evaluated on this capture; a rule that is not
 *                        here is reported as skipped, not as passed, so that a report never
 *                        claims a check that did not run. Types of {@code findings} are added.
 * @param diagnosticCount damage found in the capture (truncated records, lost segments, ...)
 * @param diagnostics     the first diagnostics, as kept by the pipeline (at most {@code diagnosticCount})
 * @param error           why the capture could not be read, one line that names the file; null if it was read
 */
public record CaptureResult(Path capture, String format, long frames, List<Finding> findings,
                            Set<FindingType> checked, long diagnosticCount, List<Diagnostic> diagnostics,
                            String error) {

    public CaptureResult {
        Objects.requireNonNull(capture, "capture");
        findings = List.copyOf(findings);
        EnumSet<FindingType> all = EnumSet.noneOf(FindingType.class);
        all.addAll(checked);
        findings.forEach(f -> all.add(f.type()));
        checked = Set.copyOf(all);
        diagnostics = List.copyOf(diagnostics);
    }

    /** A capture that was read; {@code findings} and {@code checked} come from the analyzer. */
    public static CaptureResult read(Path capture, String format, long frames, List<Finding> findings,
                                     Set<FindingType> checked, long diagnosticCount, List<Diagnostic> diagnostics) {
        return new CaptureResult(capture, Objects.requireNonNull(format, "format"), frames, findings, checked,
                diagnosticCount, diagnostics, null);
    }

    /** A capture that could not be read at all: no rule was checked on it. */
    public static CaptureResult unreadable(Path capture, String reason) {
        return new CaptureResult(capture, null, 0, List.of(), Set.of(), 0, List.of(),
                Objects.requireNonNull(reason, "reason"));
    }

    public boolean readable() {
        return error == null;
    }

    /** The findings with this id, in capture order. */
    public List<Finding> findingsOf(FindingType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }
}
