package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * What the capture shows of one server's life: its instances (epochs) and grace periods
 * (notes §2.7). Grace is learned from the wire: it starts with the restart evidence and ends at
 * the first answer to a non-reclaim request that is not a grace refusal; until then its end is
 * only estimated from the configured grace length.
 */
final class ServerState {
    final String host;
    /** 0 for the instance the capture starts with; +1 at each detected restart. */
    int epoch;
    /** Some lock request was answered normally (not a grace refusal) in the current epoch. */
    boolean answeredOutsideGrace;
    /**
     * At the latest restart, whether the view knew what the server held: it had seen the server
     * answer normally, and not only in the first lease of the capture (locks taken before the
     * capture started are unknown, notes §3.0.2).
     */
    boolean stateKnownAtRestart;
    boolean inGrace;
    long graceStartNanos = -1;
    long graceStartFrame;
    long lastGraceRefusalNanos = -1;
    /** When grace ended as seen on the wire (first normal answer), or -1 while unknown. */
    long graceEndNanos = -1;
    long graceEndFrame;
    final List<Long> restartFrames = new ArrayList<>();

    ServerState(String host) {
        this.host = host;
    }

    /** Grace end as best known: observed, else start + configured length, else -1 (never in grace). */
    long graceEndEstimate(Settings settings) {
        if (graceEndNanos >= 0) {
            return graceEndNanos;
        }
        return graceStartNanos >= 0 ? graceStartNanos + settings.graceNanos() : -1;
    }

    /** Whether {@code t} lies after the end of the latest grace period, and that end was observed. */
    boolean certainlyAfterGrace(long t) {
        return graceEndNanos >= 0 && t > graceEndNanos;
    }

    /** Whether the server is known to be in grace at {@code t} (a refusal seen, no end yet). */
    boolean inGraceAt(long t, Settings settings) {
        if (graceStartNanos < 0 || t < graceStartNanos) {
            return false;
        }
        long end = graceEndEstimate(settings);
        return end < 0 || t <= end;
    }
}
