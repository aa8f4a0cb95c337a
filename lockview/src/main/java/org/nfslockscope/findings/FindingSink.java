package org.nfslockscope.findings;

/**
 * Where detectors hand their findings. Reports (JSON, JSON lines, JUnit, SARIF) implement
 * it; detectors never format output themselves. Called in capture order, from one thread.
 */
@FunctionalInterface
public interface FindingSink {

    void report(Finding finding);

    /** A sink that drops everything, for callers that only want the lock view. */
    static FindingSink discarding() {
        return finding -> { };
    }
}
