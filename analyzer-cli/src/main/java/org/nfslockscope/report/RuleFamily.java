package org.nfslockscope.report;

import org.nfslockscope.findings.FindingType;

/**
 * The families of the finding catalog, told apart by the id's first segment. They order the
 * findings reference and tag the SARIF rules, so that a reader can go straight to NLM or to
 * NFSv4.1 sessions.
 */
public enum RuleFamily {
    RPC("Capture and RPC", "What the capture and the RPC layer show, whatever the protocol above."),
    V40("NFSv4.0 owner sequencing", "Open-owner and lock-owner seqids, replays and OPEN_CONFIRM (NFSv4.0 only)."),
    V41("NFSv4.1+ sessions", "Session slots and sequence ids, state revoked by the server, RECLAIM_COMPLETE."),
    V4("NFSv4 state, lease, grace and reclaim", "Stateids, leases and recovery after a restart, for every NFSv4 minor version."),
    NLM("NLM (NFSv3 locking)", "The Network Lock Manager: blocking locks, GRANTED callbacks, grace and reclaim."),
    NSM("NSM (reboot notification)", "The Network Status Monitor that tells lock peers about reboots."),
    X("Across protocols", "Conflicts, waits and context that concern NFSv4 and NLM alike.");

    private final String title;
    private final String summary;

    RuleFamily(String title, String summary) {
        this.title = title;
        this.summary = summary;
    }

    public String title() {
        return title;
    }

    /** One sentence on what the family covers. */
    public String summary() {
        return summary;
    }

    /** "V40" for "V40-SEQID-GAP"; the capture-level CAP-GAP belongs with RPC. */
    public static RuleFamily of(FindingType type) {
        String prefix = type.id().substring(0, type.id().indexOf('-'));
        return "CAP".equals(prefix) ? RPC : valueOf(prefix);
    }
}
