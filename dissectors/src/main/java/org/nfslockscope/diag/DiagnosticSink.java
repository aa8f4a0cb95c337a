package org.nfslockscope.diag;

/** Where stages report damaged or undecodable input. Reporting never stops the pipeline. */
@FunctionalInterface
public interface DiagnosticSink {
    void report(Diagnostic diagnostic);

    default void report(long frame, Diagnostic.Stage stage, String message) {
        report(new Diagnostic(frame, stage, message));
    }

    DiagnosticSink IGNORE = d -> { };
}
