package org.nfslockscope.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.Protocol;

/**
 * X-MIXED-PROTOCOL (notes §3.8): one file held through NLM and NFSv4 at the same time. Files are
 * matched by identical handle bytes on one server host (§2.10), or by the padding servers add to
 * NLM handles ({@link FileHandles}), which the message then names; handles the tool cannot tie
 * together are never guessed to be one file. Reported once per file and server epoch; a later
 * conflicting grant may raise an info report to a warning once, since the conflict is the part
 * worth acting on.
 */
final class MixedProtocolRule {
    private static final int MAX_FILES = 1 << 16;

    private final ViewState view;
    /** The severity already reported, by file and server epoch. */
    private final Map<String, Severity> reported = new LinkedHashMap<>();

    MixedProtocolRule(ViewState view) {
        this.view = view;
    }

    /** A lock was just recorded; {@code clash} are the pieces it conflicted with when granted. */
    void granted(ViewState.FileKey key, FileLocks locks, ViewState.Holder who, Protocol protocol,
                 List<HeldLock> clash, long frame, long time, String server) {
        if (!locks.mixesProtocols()) {
            return;
        }
        HeldLock other = clash.stream().filter(h -> h.grant().protocol() != protocol).findFirst().orElse(null);
        boolean conflict = other != null;
        if (other == null) {
            other = locks.all().stream().filter(h -> h.grant().protocol() != protocol).findFirst().orElse(null);
        }
        if (other == null) {
            return;
        }
        String id = key.id() + "#" + view.server(key.server()).epoch;
        Severity before = reported.get(id);
        if (before == Severity.WARNING || (before != null && !conflict)) {
            return;
        }
        Severity severity = conflict ? Severity.WARNING : Severity.INFO;
        reported.put(id, severity);
        Bounded.trim(reported, MAX_FILES);
        ViewState.Holder otherHolder = view.holders.get(other.owner());
        view.report(view.finding(FindingType.X_MIXED_PROTOCOL, frame, time,
                key.label() + " is locked through " + protocol + " by " + who.owner().label()
                        + " and through " + other.grant().protocol() + " by " + other.owner().label()
                        + (otherHolder != null && otherHolder.client() != null ? " (" + otherHolder.client() + ")" : "")
                        + (conflict ? ": the ranges conflict (" + other.type() + " " + other.range() + ")"
                        : ": no conflict yet")
                        + "; NLM locks live until unlock or SM_NOTIFY, NFSv4 locks until the lease lapses"
                        + view.handleNote(key))
                .severity(severity).evidence(other.grant().frame())
                .client(who.client()).server(server).clientId(who.clientId())
                .owner(who.owner().label()).file(key.label()).build());
    }
}
