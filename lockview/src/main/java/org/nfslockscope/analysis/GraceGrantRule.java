package org.nfslockscope.analysis;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.lockview.Protocol;

/**
 * V4-GRACE-NONRECLAIM-GRANTED and NLM-GRACE-NONRECLAIM-GRANTED (notes §3.5): a non-reclaim lock
 * granted while the server is known to be in grace and another host that held locks when it
 * restarted has sent no reclaim yet, so the grant may take what that host is about to reclaim.
 * <p>
 * The trackers call this before {@link ViewState#normalAnswer}, which takes the same grant as the
 * end of grace: the grant is judged against the grace as known just before it. "Known in grace"
 * means a grace refusal was seen in this epoch, no end was observed, and the grant's reply lies
 * inside the modelled window. Hosts are compared by address: client IDs and owners change across
 * a restart. Info when the grant conflicts with no lock held before the restart (the server may
 * know from its records that it is safe, RFC 7530 §9.6.2).
 */
final class GraceGrantRule {
    private static final int MAX_RECLAIMERS = 1 << 16;

    private final ViewState view;
    /** "server|epoch|host" of every host seen reclaiming. */
    private final Set<String> reclaimers = new LinkedHashSet<>();

    GraceGrantRule(ViewState view) {
        this.view = view;
    }

    /** A reclaim from {@code host} reached {@code server}: that host is recovering. */
    void reclaimSeen(ServerState server, String host) {
        reclaimers.add(server.host + "|" + server.epoch + "|" + host);
        while (reclaimers.size() > MAX_RECLAIMERS) {
            reclaimers.remove(reclaimers.iterator().next());
        }
    }

    /**
     * A non-reclaim lock (or, with a null range, an NFSv4 OPEN) was granted; call before the grant
     * ends grace in the view. {@code file} may be null for an OPEN by name.
     */
    void granted(Protocol protocol, Call c, long replyFrame, long replyNanos, ServerState s, ViewState.FileKey file,
                 Owner owner, ByteRange range, LockType type) {
        boolean knownGrace = s.inGrace && s.graceEndNanos < 0 && s.lastGraceRefusalNanos >= s.graceStartNanos
                && s.inGraceAt(replyNanos, view.settings);
        Map<ViewState.FileKey, FileLocks> before = view.beforeRestart.get(s.host);
        if (!knownGrace || before == null) {
            return;
        }
        String host = Texts.host(c.msg().src());
        HeldLock waiting = null;
        String unreclaimed = null;
        for (Map.Entry<ViewState.FileKey, FileLocks> e : before.entrySet()) {
            for (HeldLock h : e.getValue().all()) {
                String holder = holderHost(h.owner());
                if (holder == null || holder.equals(host) || reclaimers.contains(s.host + "|" + s.epoch + "|" + holder)) {
                    continue;
                }
                unreclaimed = holder;
                if (range != null && e.getKey().equals(file) && h.conflictsWith(owner, range, type)) {
                    waiting = h;
                }
            }
        }
        if (unreclaimed == null) {
            return;
        }
        boolean nfs4 = protocol == Protocol.NFS4;
        String who = waiting == null ? unreclaimed : holderHost(waiting.owner());
        view.report(view.finding(nfs4 ? FindingType.V4_GRACE_NONRECLAIM_GRANTED
                        : FindingType.NLM_GRACE_NONRECLAIM_GRANTED, replyFrame, replyNanos,
                (range == null ? "non-reclaim OPEN" : "non-reclaim " + type + " lock " + range) + " of "
                        + (file == null ? "a file opened by name" : file.label()) + " granted to " + host
                        + " while the server was in grace (refusal at " + String.format("%.1f", (replyNanos
                        - s.lastGraceRefusalNanos) / 1e9) + " s before) and " + who + ", which held locks when"
                        + " the server restarted, had not reclaimed yet"
                        + (waiting == null ? "; no lock held then is known to conflict with it"
                        : ": it conflicts with " + waiting.type() + " " + waiting.range() + " held then (frame "
                        + waiting.grant().frame() + ")"))
                .severity(waiting == null ? Severity.INFO : Severity.WARNING)
                .evidence(waiting == null ? c.frame() : waiting.grant().frame()).evidence(c.frame())
                .client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).owner(owner == null ? null : owner.label())
                .file(file == null ? null : file.label()).range(range).build());
    }

    private String holderHost(Owner o) {
        ViewState.Holder h = view.holders.get(o);
        return h == null ? null : NlmRecoveryRules.hostOf(h.client());
    }
}
