package org.nfslockscope.analysis;

import java.util.Collection;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.lockview.FileLocks;

/**
 * NLM-BLOCKED-STALLED (notes §3.7): a BLOCKED waiter whose visible blockers all released, and
 * that got neither a GRANTED callback nor a successful re-poll within {@link #T_WAKE_NANOS} of the
 * last release. Releases by any protocol count (UNLOCK, SM_NOTIFY/FREE_ALL, NFSv4 LOCKU/CLOSE),
 * since they share the server's lock table. A waiter whose blockers the view never saw (a local
 * process, a lock from before the capture) is never judged: their release is invisible.
 */
final class StalledWaitRule implements ViewState.Listener {
    /** Just above the Linux client's 30 s poll: by then a healthy client has polled or been woken. */
    static final long T_WAKE_NANOS = 35 * Settings.SECOND;

    private final ViewState view;
    /** The tracker's pending records; an ended wait (granted, re-poll granted, cancelled) leaves it. */
    private final Collection<NlmTracker.Blocked> pending;
    /** No verdict can fall due before this time, so most messages cost nothing. */
    private long nextDue = Long.MAX_VALUE;

    StalledWaitRule(ViewState view, Collection<NlmTracker.Blocked> pending) {
        this.view = view;
        this.pending = pending;
    }

    /**
     * A LOCK was answered BLOCKED. A re-poll that is blocked again continues the earlier wait: it is
     * not a successful poll, so a release seen before it still counts unless a holder is back.
     */
    void blocked(NlmTracker.Blocked b, NlmTracker.Blocked earlier, boolean blockersVisible, long time, int epoch) {
        b.blockedNanos = time;
        b.epoch = epoch;
        b.blockersKnown = blockersVisible;
        if (earlier != null && earlier.epoch == epoch && !blockersVisible && earlier.blockersKnown) {
            b.blockersKnown = true;
            b.releasedNanos = earlier.releasedNanos;
            b.releasedFrame = earlier.releasedFrame;
            b.stallReported = earlier.stallReported;
        }
    }

    private boolean stillBlocked(NlmTracker.Blocked b) {
        FileLocks locks = view.files.get(b.file);
        return locks != null && !locks.conflicts(b.holder.owner(), b.range, b.type).isEmpty();
    }

    /** The wake-up clock restarts at every release on the file: the server may still be working through its queue. */
    @Override
    public void released(ViewState.FileKey file, long timeNanos, long frame) {
        if (pending.isEmpty()) {
            return; // every release on every file comes here: no iterator when nobody waits
        }
        for (NlmTracker.Blocked b : pending) {
            if (!b.file.equals(file) || !b.blockersKnown || b.stallReported) {
                continue;
            }
            if (stillBlocked(b)) {
                b.releasedNanos = -1;
            } else {
                b.releasedNanos = timeNanos;
                b.releasedFrame = frame;
                nextDue = Math.min(nextDue, timeNanos + T_WAKE_NANOS);
            }
        }
    }

    /** Judges the waiters whose wake-up time has passed; called as the capture moves on. */
    void check(long now) {
        if (now <= nextDue) {
            return;
        }
        nextDue = Long.MAX_VALUE;
        for (NlmTracker.Blocked b : pending) {
            if (b.releasedNanos < 0 || b.stallReported) {
                continue;
            }
            if (b.polling) {
                // A re-poll is out: its answer decides. Judge again a little later.
                nextDue = Math.min(nextDue, now + Settings.SECOND);
                continue;
            }
            if (stillBlocked(b) || view.server(b.file.server()).epoch != b.epoch) {
                // Another waiter got it first, or the restart dropped the wait: not stalled.
                b.releasedNanos = -1;
            } else if (now > b.releasedNanos + T_WAKE_NANOS) {
                b.stallReported = true;
                report(b, now);
            } else {
                nextDue = Math.min(nextDue, b.releasedNanos + T_WAKE_NANOS);
            }
        }
    }

    private void report(NlmTracker.Blocked b, long now) {
        view.report(view.finding(FindingType.NLM_BLOCKED_STALLED, b.frame, b.blockedNanos,
                b.holder.owner().label() + " was told BLOCKED for " + b.type + " " + b.range + " of " + b.file.label()
                        + "; its blockers released it " + String.format("%.1f", (now - b.releasedNanos) / 1e9)
                        + " s ago (frame " + b.releasedFrame + ") but no GRANTED callback or granted re-poll followed")
                .evidence(b.releasedFrame).client(b.holder.client()).server(b.file.server())
                .clientId(b.holder.clientId()).owner(b.holder.owner().label()).file(b.file.label())
                .range(b.range).build());
    }
}
