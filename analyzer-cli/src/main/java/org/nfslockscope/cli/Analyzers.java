package org.nfslockscope.cli;

import org.nfslockscope.analysis.LockView;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.report.CaptureAnalyzer;
import org.nfslockscope.report.CaptureResult;
import org.nfslockscope.report.UnreadableCaptureException;

/** Where {@code check} gets its analyzer; the one place to plug in the lock view. */
public final class Analyzers {
    private Analyzers() {
    }

    /**
     * The lock view over the whole pipeline. Rules the lock view does not evaluate yet are
     * reported as skipped, never as passed.
     */
    public static CaptureAnalyzer standard() {
        return standard(Settings.defaults());
    }

    public static CaptureAnalyzer standard(Settings settings) {
        return standard(settings, CaptureInput.Control.quiet(new Interrupt()));
    }

    /** With a progress bar per capture, and a pass that Ctrl-C cuts short (its findings so far are returned). */
    static CaptureAnalyzer standard(Settings settings, CaptureInput.Control control) {
        return standard(settings, control, new ReportFilter());
    }

    /**
     * As {@link #standard(Settings, CaptureInput.Control)}, for reports narrowed by {@code filter}:
     * the findings kept (a bounded number) are the first of those the reports show.
     */
    static CaptureAnalyzer standard(Settings settings, CaptureInput.Control control, ReportFilter filter) {
        return capture -> {
            LockAnalysis a = LockAnalysis.run(capture, settings, control, filter);
            CaptureInput.Pass pass = a.pass;
            if (pass.failed()) {
                throw new UnreadableCaptureException(pass.error());
            }
            CaptureSummary s = pass.summary();
            return CaptureResult.read(capture, s.format().label(), s.frames(), a.view.findings(),
                    LockView.checkedRules(), pass.diagnostics().total(), pass.diagnostics().kept());
        };
    }
}
