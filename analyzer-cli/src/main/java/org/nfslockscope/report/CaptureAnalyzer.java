package org.nfslockscope.report;

import java.nio.file.Path;

/**
 * Turns one capture file into a {@link CaptureResult}. The {@code check} command depends only on
 * this, so that the lock-view analyzer can be plugged in without touching the reports, and so
 * that tests can hand the reports findings without a capture that produces them.
 */
@FunctionalInterface
public interface CaptureAnalyzer {

    /**
     * Reads the whole capture. Damage inside a readable capture is not an exception: it is
     * counted in {@link CaptureResult#diagnosticCount()}.
     *
     * @throws UnreadableCaptureException if the file cannot be read as a capture at all
     */
    CaptureResult analyze(Path capture) throws UnreadableCaptureException;
}
