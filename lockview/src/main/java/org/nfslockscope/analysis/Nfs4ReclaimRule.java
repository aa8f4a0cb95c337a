package org.nfslockscope.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.lockview.Protocol;

/**
 * V4-RECLAIM-UNHELD (notes §3.5): an NFSv4 LOCK reclaim of a lock its client did not hold when the
 * server restarted ({@link ViewState#beforeRestart}). The client ID changes across the restart
 * and owner bytes may too, so the client is recognised by its address: any NFSv4 lock held then
 * by an owner whose requests came from the same host, on the same file, covering the range with
 * a type at least as strong, makes the reclaim legitimate. Reported once per lock and epoch,
 * whatever the server answered; info when the view did not know what the server held.
 */
final class Nfs4ReclaimRule {
    private static final int MAX_REPORTED = 1 << 16;

    private final ViewState view;
    private final Map<String, Boolean> reported = new LinkedHashMap<>();

    Nfs4ReclaimRule(ViewState view) {
        this.view = view;
    }

    void reclaimed(Call c, long replyFrame, ViewState.FileKey file, Owner owner, ByteRange range, LockType type,
                   String clientId) {
        ServerState s = view.server(file.server());
        String host = Texts.host(c.msg().src());
        if (reported.putIfAbsent(file.id() + "|" + s.epoch + "|" + host + "|" + range + "|" + type, Boolean.TRUE)
                != null) {
            return;
        }
        Bounded.trim(reported, MAX_REPORTED);
        Map<ViewState.FileKey, FileLocks> before = view.beforeRestart.get(file.server());
        if (before != null && heldBefore(before.get(file), host, range, type)) {
            return;
        }
        String what = "reclaim of " + type + " " + range + " of " + file.label() + " from " + host;
        boolean known = before != null && s.stateKnownAtRestart;
        String message = known
                ? what + ": no NFSv4 lock from that host covered it when the server restarted (frame "
                        + s.graceStartFrame + "); clients are matched by address, since the client ID changes"
                        + " across a restart"
                : what + ": reclaim of pre-capture lock (the capture may not show all the server held before it"
                        + " restarted)";
        view.report(view.finding(FindingType.V4_RECLAIM_UNHELD, c.frame(), c.timeNanos(), message)
                .severity(known ? Severity.WARNING : Severity.INFO).evidence(replyFrame)
                .client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).clientId(clientId)
                .owner(owner == null ? null : owner.label()).file(file.label()).range(range).build());
    }

    private boolean heldBefore(FileLocks locks, String host, ByteRange range, LockType type) {
        if (locks == null) {
            return false;
        }
        for (Owner o : locks.holders()) {
            ViewState.Holder who = view.holders.get(o);
            boolean sameHost = who != null && host.equals(NlmRecoveryRules.hostOf(who.client()));
            boolean nfs4 = locks.heldBy(o).stream().map(HeldLock::grant).anyMatch(g -> g.protocol() == Protocol.NFS4);
            if (sameHost && nfs4 && locks.covers(o, range, type)) {
                return true;
            }
        }
        return false;
    }
}
