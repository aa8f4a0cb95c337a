package org.nfslockscope.analysis;

import java.util.List;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;

/**
 * V4-GRANT-OVER-EXPIRED (notes §3.5, the downgrade of X-DOUBLE-GRANT): a lock is granted over an
 * NFSv4 holder whose client had been silent longer than its lease. A server may free such
 * courtesy locks for a conflicting request (RFC 7530 §9.6.3.1), so this is no double grant,
 * but the holder has lost its lock. NFSv4 grants over a lapsed holder are reported by the NFSv4
 * tracker as V4-EXPIRED-STOLEN before they reach the table; what arrives here is a grant by
 * another protocol (NLM) over a lapsed NFSv4 lock, which shares the server's lock table.
 */
final class GrantOverExpiredRule {
    /** Whether an NFSv4 lock owner's client had let its lease lapse at a time. */
    interface LeaseJudge {
        /** The lapse, or null when the owner is no NFSv4 owner, its client is unknown or it renewed in time. */
        Lapse lapsed(Owner holder, long timeNanos);
    }

    /** A holder's lapse: the client's last renewal and how long it had been silent. */
    record Lapse(String clientId, long lastRenewFrame, long silentNanos, long leaseNanos) {
    }

    private final ViewState view;
    private LeaseJudge judge = (o, t) -> null;

    GrantOverExpiredRule(ViewState view) {
        this.view = view;
    }

    void judge(LeaseJudge judge) {
        this.judge = judge;
    }

    /**
     * Before {@code who} is recorded as granted: conflicting holders whose lease had lapsed are
     * reported and released. Returns whether any was, so the caller looks at the table again.
     */
    boolean releaseLapsed(ViewState.FileKey key, ViewState.Holder who, ByteRange range, LockType type,
                          List<HeldLock> clash, long frame, long time, long requestFrame, String server) {
        boolean released = false;
        for (HeldLock h : clash) {
            if (h.owner().equals(who.owner())) {
                continue;
            }
            Lapse l = judge.lapsed(h.owner(), time);
            if (l == null) {
                continue;
            }
            view.report(view.finding(FindingType.V4_GRANT_OVER_EXPIRED, frame, time, type + " " + range + " of "
                    + key.label() + " was granted to " + who.owner().label() + " over " + h.type() + " " + h.range()
                    + " of " + h.owner().label() + " (granted in frame " + h.grant().frame() + "), whose client "
                    + l.clientId() + " renewed nothing for " + String.format("%.1f", l.silentNanos() / 1e9)
                    + " s, longer than its " + l.leaseNanos() / Settings.SECOND + " s lease: the server could free"
                    + " that lock, and its holder has lost it")
                    .evidence(requestFrame, h.grant().frame(), l.lastRenewFrame()).client(who.client()).server(server)
                    .clientId(l.clientId()).owner(h.owner().label()).file(key.label()).range(h.range()).build());
            view.release(key, h.owner(), h.range(), time);
            released = true;
        }
        return released;
    }
}
