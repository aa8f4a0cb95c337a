package org.nfslockscope.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;

/**
 * NLM recovery after a server restart (notes §3.5, §3.7), judged against the locks the server
 * held when it restarted ({@link ViewState#beforeRestart}). Clients are NLM caller names: owner
 * handles and svids may change across the restart, the host's name does not.
 * <ul>
 * <li>NLM-RECLAIM-UNHELD: a reclaim of a lock that host did not hold then;</li>
 * <li>NLM-REBOOT-NO-RECLAIM: a host that held locks sent no reclaim at all.</li>
 * </ul>
 */
final class NlmRecoveryRules implements ViewState.Listener {
    private static final int MAX_REPORTED = 1 << 16;

    /** What one host held on a restarted server, for NLM-REBOOT-NO-RECLAIM. */
    private static final class HostLocks {
        final String address;
        int locks;
        long lastGrantFrame;

        HostLocks(String address) {
            this.address = address;
        }
    }

    /** One server restart whose reclaims are still being collected. */
    private static final class Recovery {
        final int epoch;
        final Map<String, HostLocks> holders = new LinkedHashMap<>();
        final Set<String> reclaimed = new HashSet<>();

        Recovery(int epoch) {
            this.epoch = epoch;
        }
    }

    private final ViewState view;
    private final Map<String, Recovery> recoveries = new HashMap<>();
    /** SM_NOTIFY seen from a host to a peer ("from>to"), with its time. */
    private final Map<String, Long> notified = new HashMap<>();
    private final Map<String, Boolean> reportedReclaims = new LinkedHashMap<>();

    NlmRecoveryRules(ViewState view) {
        this.view = view;
    }

    @Override
    public void restarted(ServerState server, Map<ViewState.FileKey, FileLocks> held) {
        Recovery r = new Recovery(server.epoch);
        for (FileLocks locks : held.values()) {
            locks.all().forEach(h -> {
                ViewState.Holder who = view.holders.get(h.owner());
                if (who == null || who.clientId() == null || !NlmTracker.ownedBy(h.owner(), who.clientId())) {
                    return; // not an NLM owner, or one the view cannot name
                }
                HostLocks hl = r.holders.computeIfAbsent(who.clientId(), n -> new HostLocks(who.client()));
                hl.locks++;
                hl.lastGrantFrame = Math.max(hl.lastGrantFrame, h.grant().frame());
            });
        }
        recoveries.put(server.host, r);
    }

    /** An SM_NOTIFY went from one host to another: the receiver was told to recover. */
    void notifySeen(String fromHost, String toHost, long time) {
        notified.put(fromHost + ">" + toHost, time);
    }

    /** A reclaim LOCK (or NM_LOCK) was sent: the host is recovering, whatever the answer. */
    void reclaimSent(String server, String callerName) {
        Recovery r = recoveries.get(server);
        if (r != null) {
            r.reclaimed.add(callerName);
        }
    }

    /**
     * A reclaim was answered. It must reclaim a lock the caller held when the server restarted:
     * same file, a held range covering it, and a type at least as strong.
     */
    void reclaimAnswered(Call c, ViewState.FileKey file, Owner owner, String callerName, ByteRange range,
                         LockType type, long frame) {
        ServerState s = view.server(file.server());
        String id = file.id() + "|" + s.epoch + "|" + callerName + "|" + range + "|" + type;
        if (reportedReclaims.putIfAbsent(id, Boolean.TRUE) != null) {
            return;
        }
        Bounded.trim(reportedReclaims, MAX_REPORTED);
        Map<ViewState.FileKey, FileLocks> before = view.beforeRestart.get(file.server());
        String what = "reclaim of " + type + " " + range + " of " + file.label() + " by " + callerName;
        String message;
        Severity severity;
        if (before != null && heldBefore(before.get(file), callerName, range, type)) {
            return;
        }
        if (before == null || !s.stateKnownAtRestart) {
            message = what + ": reclaim of pre-capture lock (the capture may not show all the server held"
                    + " before it restarted)";
            severity = Severity.INFO;
        } else {
            message = what + ": " + callerName + " held no such lock when the server restarted (frame "
                    + s.graceStartFrame + ")";
            severity = Severity.WARNING;
        }
        view.report(view.finding(FindingType.NLM_RECLAIM_UNHELD, c.frame(), c.timeNanos(), message)
                .severity(severity).evidence(frame).client(Texts.text(c.msg().src()))
                .server(Texts.text(c.msg().dst())).clientId(callerName).owner(owner.label())
                .file(file.label()).range(range).build());
    }

    private static boolean heldBefore(FileLocks locks, String callerName, ByteRange range, LockType type) {
        if (locks == null) {
            return false;
        }
        for (Owner o : locks.holders()) {
            if (NlmTracker.ownedBy(o, callerName) && locks.covers(o, range, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The capture ended. Hosts that held locks and never reclaimed are reported once the modelled
     * grace is over. Judging only at the end lets a late reclaim count as a reclaim: lateness is
     * NLM-RECLAIM-OUTSIDE-GRACE's finding, not this one's.
     */
    void finish(long endNanos) {
        for (Map.Entry<String, Recovery> e : recoveries.entrySet()) {
            ServerState s = view.server(e.getKey());
            Recovery r = e.getValue();
            long graceEnd = s.graceEndEstimate(view.settings);
            if (s.epoch != r.epoch || graceEnd < 0 || endNanos <= graceEnd) {
                continue;
            }
            for (Map.Entry<String, HostLocks> h : r.holders.entrySet()) {
                if (!r.reclaimed.contains(h.getKey())) {
                    report(s, h.getKey(), h.getValue(), graceEnd);
                }
            }
        }
    }

    private void report(ServerState s, String callerName, HostLocks h, long graceEnd) {
        String clientHost = hostOf(h.address);
        Long told = clientHost == null ? null : notified.get(s.host + ">" + clientHost);
        boolean wasTold = told != null && told >= s.graceStartNanos - view.settings.graceNanos();
        view.report(view.finding(FindingType.NLM_REBOOT_NO_RECLAIM, s.graceStartFrame, s.graceStartNanos,
                callerName + " held " + h.locks + " NLM lock(s) on " + s.host + " when it restarted but reclaimed none"
                        + " by the end of grace" + (wasTold ? "" : "; no SM_NOTIFY from the server to it was seen,"
                        + " so it may not have been told"))
                .severity(wasTold ? Severity.WARNING : Severity.INFO).evidence(h.lastGrantFrame)
                .client(h.address).server(s.host).clientId(callerName).build());
    }

    /**
     * Forgets SM_NOTIFYs no report can use any more. One counts only for the latest restart of the
     * notifying server, sent at most a grace before that restart's grace began, and to a host that
     * held locks then. Restarts yet to come begin after now, so an older notify matters only to a
     * recovery already under way; twice the grace leaves room for a grace start found late.
     */
    void retireIdle(long nowNanos) {
        long grace = view.settings.graceNanos();
        notified.entrySet().removeIf(e -> nowNanos - e.getValue() > 2 * grace && !usable(e.getKey(), e.getValue()));
    }

    private boolean usable(String fromTo, long time) {
        int sep = fromTo.indexOf('>');
        Recovery r = recoveries.get(fromTo.substring(0, sep));
        if (r == null) {
            return false;
        }
        ServerState s = view.server(fromTo.substring(0, sep));
        if (s.epoch != r.epoch || time < s.graceStartNanos - view.settings.graceNanos()) {
            return false;
        }
        String to = fromTo.substring(sep + 1);
        for (HostLocks h : r.holders.values()) {
            if (to.equals(hostOf(h.address))) {
                return true;
            }
        }
        return false;
    }

    /** Notifies and reclaim records kept, for {@link LockView#liveState()}. */
    int tracked() {
        return notified.size() + reportedReclaims.size();
    }

    /** The host part of an endpoint as {@code Endpoint.toString()} writes it ("a.b.c.d:port", "[v6]:port"). */
    static String hostOf(String endpoint) {
        if (endpoint == null || endpoint.lastIndexOf(':') < 0) {
            return endpoint;
        }
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
