package org.nfslockscope.findings;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.nfslockscope.findings.Severity.ERROR;
import static org.nfslockscope.findings.Severity.INFO;
import static org.nfslockscope.findings.Severity.WARNING;

/**
 * The finding catalog (protocol-notes Part 3) in code. It is the single source of the ids,
 * default severities, titles, explanations, actions and references: the analyzer raises these
 * and the generated documentation lists them, so the two cannot drift apart.
 *
 * <p>The id is the constant's name with dashes, e.g. {@code V40_SEQID_GAP} is
 * "V40-SEQID-GAP". Ids are a public contract: CI jobs match on them. Never rename one.
 *
 * <p>The default severity is the one in the catalog heading; rules may escalate or
 * downgrade a single finding (see {@link Finding#severity()}).
 */
public enum FindingType {

    // ---- capture and RPC (§3.0.2, §3.1) ------------------------------------------------

    CAP_GAP(INFO, "capture gap",
            "Packets are missing from the capture (a TCP sequence hole or a silent stretch with requests pending), so state learned before the gap is no longer trusted.",
            "Capture with a larger buffer or snaplen, or on a less busy host; findings for the affected clients read 'unknown' until new state is seen.",
            "RFC 9293 §3.4"),
    RPC_GSS_PRIVACY(INFO, "encrypted requests",
            "Requests under krb5p (or TLS) are encrypted, so their effect on owners, slots, stateids and locks cannot be seen.",
            "Expect reduced coverage for this client; capture on a host that sees cleartext, or accept RPC-level checks only.",
            "RFC 2203 §5"),
    RPC_ORPHAN_REPLY(INFO, "reply with no call",
            "A reply arrived whose call is not in the capture, usually because the capture started late or misses a path.",
            "Start capturing before the workload, or accept the reduced coverage.",
            "RFC 5531 §9"),
    RPC_NO_REPLY(WARNING, "call never answered",
            "The server never answered a request although traffic went on; for a lock operation the client and server may now disagree about the lock.",
            "Check server health and logs around the call time; for lock operations verify what the client believes it holds.",
            "RFC 5531 §9"),
    RPC_XID_REUSE(WARNING, "same XID, different request",
            "A client sent two different requests with the same transaction id, so the server's duplicate-request cache may answer one with the other's reply.",
            "Check the client's XID generation or whether it restarted; look for a wrong cached reply on the second request.",
            "RFC 5531 §9"),
    RPC_REPLY_MISMATCH(WARNING, "two different replies for one request",
            "One request got two replies with different results: the server executed it twice (duplicate-request cache miss).",
            "If it was a lock operation, the server's lock state may differ from what the client recorded; check the later lock traffic.",
            "RFC 5531 §9"),
    RPC_AUTH_FAIL(WARNING, "rejected at RPC level",
            "The server refused a lock-related request before executing it (authentication or RPC error), so nothing changed on the server.",
            "Look for expired Kerberos tickets or credential problems; the application likely saw a hang followed by EIO or EACCES.",
            "RFC 5531 §9"),

    // ---- NFSv4.0 owner sequencing (§3.2) -------------------------------------------------

    V40_SEQID_GAP(WARNING, "owner seqid skipped or went backwards",
            "A client used an owner sequence number other than the last one or the next one, breaking NFSv4.0 at-most-once ordering.",
            "If the server accepted it, check whether the capture missed packets, otherwise suspect the server; if it answered BAD_SEQID, the client's sequencing is broken and it will discard the owner.",
            "RFC 7530 §9.1.3"),
    V40_SEQID_REPLAY_MISMATCH(ERROR, "same owner seqid, different request",
            "A client reused an owner sequence number for a different request, so the server must refuse it or replay the wrong answer.",
            "Client bug: find which application operation was lost and whether the client now believes something that did not happen.",
            "RFC 7530 §9.1.9"),
    V40_OWNER_REPLAY(INFO, "owner-level replay",
            "A client re-sent an identical request with a new XID and the same owner seqid, a legal way to resynchronise.",
            "None; check that the server answered with the same reply as the first time.",
            "RFC 7530 §9.7"),
    V40_REPLAY_REPLY_DIFFERS(ERROR, "replayed request got a different reply",
            "The server answered a replayed request differently from the original, so the client and server disagree about what happened.",
            "Server bug in its replay cache; verify the lock state of that owner on the server.",
            "RFC 7530 §9.1.9"),
    V40_BAD_SEQID(WARNING, "server returned NFS4ERR_BAD_SEQID",
            "The server rejected an owner's sequence number; the request did nothing and the client usually throws the owner away.",
            "If the client's seqid was right, the server lost the owner's state; applications may see EIO on that file descriptor.",
            "RFC 7530 §9.1.7"),
    V40_OWNER_CONCURRENT(WARNING, "two outstanding requests on one owner",
            "A client sent a second request for an owner before the first was answered, which NFSv4.0 forbids and which can cause BAD_SEQID after reordering.",
            "Client bug: it breaks the one-outstanding-request-per-owner rule.",
            "RFC 7530 §9.1.7"),
    V40_OPEN_UNCONFIRMED(WARNING, "OPEN needing confirmation never confirmed",
            "The server asked the client to confirm an OPEN and it did not, so the server will drop the open and any locks taken on it.",
            "Check why the client skipped OPEN_CONFIRM; locks on that open are lost after a lease.",
            "RFC 7530 §16.18"),

    // ---- NFSv4.1+ sessions (§3.3) ---------------------------------------------------------

    V41_SLOT_MISORDER(ERROR, "slot sequence broken",
            "A request used a session slot with a sequence id that is neither a retry nor the next one, so the server and client disagree about that slot.",
            "A one-off after an interrupted request is normal; a persistent loop means the client should create a new session.",
            "RFC 8881 §2.10.6.1"),
    V41_FALSE_RETRY(ERROR, "same slot and sequence, different request",
            "Two different requests used the same session slot and sequence id, so the second may have received the first one's cached reply.",
            "Client bug: check the affected lock, the client may believe it holds a lock it was never granted.",
            "RFC 8881 §2.10.6.1"),
    V41_UNCACHED_RETRY(WARNING, "retry got NFS4ERR_RETRY_UNCACHED_REP",
            "A retried request could not be answered from the server's reply cache, so the client does not know whether the original took effect.",
            "The lock state is uncertain until the next LOCK, LOCKT or TEST_STATEID; the client should ask the server to cache non-idempotent replies.",
            "RFC 8881 §2.10.6.1"),
    V41_STATE_REVOKED(ERROR, "server reports revoked state",
            "The server says some of the client's locks, opens or delegations were revoked, so applications may have lost mutual exclusion.",
            "Find why the lease lapsed (see V4-LEASE-LAPSE) or who revoked the state administratively.",
            "RFC 8881 §18.46.3"),
    V41_BADSESSION(INFO, "session rejected",
            "The server no longer knows a session that worked before, normally because it restarted.",
            "If the client gets a new client id without a server restart, its locks are gone: look for V4-LEASE-LAPSE.",
            "RFC 8881 §18.46"),
    V41_NO_RECLAIM_COMPLETE(WARNING, "reclaim not closed",
            "After a server restart a client never sent RECLAIM_COMPLETE, which can keep the server in grace for everybody.",
            "Check the client's recovery; other clients' new lock requests are delayed meanwhile.",
            "RFC 8881 §18.51"),

    // ---- stateids (§3.4) -----------------------------------------------------------------

    V4_STALE_USE(WARNING, "state from a previous server instance",
            "A client used a client id or stateid from before the server restarted.",
            "Normal restart recovery if the server refuses it; if the server accepted it, the restart detection or the server is wrong.",
            "RFC 7530 §9.6.2"),
    V4_OLD_STATEID(INFO, "out-of-date stateid version",
            "A request used an older version of a stateid than the server's current one, usually harmless with parallel requests.",
            "Only a concern if it repeats for the same operation: check the client version.",
            "RFC 7530 §9.1.4.2"),
    V4_BAD_STATEID(WARNING, "server does not recognise the stateid",
            "The server rejected a stateid the capture shows as valid, so the client or the server lost track of that state.",
            "Check for a lease expiry before it (the lock was lost) or a client bug using the wrong stateid.",
            "RFC 7530 §9.1.4.4"),
    V4_STATEID_AFTER_RELEASE(WARNING, "stateid used after it was given back",
            "A client used a stateid after it had closed, freed or released it, or after the server dropped the client's state.",
            "An application used a file descriptor after close, or the client mishandles its state; an error if the server accepted it.",
            "RFC 7530 §9.1.4.4"),
    V4_IO_UNLOCKED_RANGE(INFO, "I/O under a lock stateid outside its locked ranges",
            "A client read or wrote bytes it had not locked while another owner held a conflicting lock there.",
            "Only matters for applications that expect mandatory locking; advisory locking allows it.",
            "RFC 7530 §9.1.4"),

    // ---- conflict, grace and reclaim (§3.5) ------------------------------------------------

    X_DOUBLE_GRANT(ERROR, "conflicting lock granted while another owner holds it",
            "The server granted a lock that conflicts with one another owner still holds, so two clients believe they own the same bytes.",
            "Data corruption risk: collect server logs and check failover, split-brain, clock jumps and lost NSM notifications.",
            "RFC 7530 §9.2"),
    V4_GRANT_OVER_EXPIRED(WARNING, "conflicting lock granted over an expired lease",
            "The server gave a lock to another owner after the holder's client was silent longer than its lease, which is legal but loses the holder's lock.",
            "Investigate why the holder went silent; its application may still believe it holds the lock.",
            "RFC 7530 §9.6.3.1"),
    V4_GRACE_NONRECLAIM_GRANTED(WARNING, "new lock granted during grace",
            "During the grace period after a restart the server granted a new NFSv4 lock before other clients finished reclaiming.",
            "Check the server's grace configuration; a later conflicting reclaim would be a double grant.",
            "RFC 7530 §9.6.2"),
    NLM_GRACE_NONRECLAIM_GRANTED(WARNING, "new NLM lock granted during grace",
            "During the NLM grace period after a restart the server granted a new lock before clients could reclaim theirs.",
            "Check lockd's grace period setting on the server; a later conflicting reclaim would be a double grant.",
            "XNFS (Open Group C702) NLM"),
    V4_RECLAIM_OUTSIDE_GRACE(ERROR, "reclaim after the end of grace",
            "A client reclaimed an NFSv4 lock after the server's grace period ended: if the server granted it, another client"
                    + " may already have taken the lock; if it refused, the client has lost the lock.",
            "Server bug or misconfigured grace: check for X-DOUBLE-GRANT on the same range.",
            "RFC 7530 §9.6.2"),
    NLM_RECLAIM_OUTSIDE_GRACE(ERROR, "NLM reclaim after the end of grace",
            "A client reclaimed an NLM lock after the server's grace period ended: if the server granted it, another client"
                    + " may already have taken the lock; if it refused, the client has lost the lock.",
            "Server bug or misconfigured grace: check for X-DOUBLE-GRANT on the same range.",
            "XNFS (Open Group C702) NLM"),
    V4_RECLAIM_UNHELD(WARNING, "reclaiming what was not held",
            "A client reclaimed an NFSv4 lock it did not hold when the server restarted.",
            "The client broke 'reclaim only what you held'; look at a previous lease expiry or network partition.",
            "RFC 7530 §9.6.3.4"),
    NLM_RECLAIM_UNHELD(WARNING, "reclaiming an NLM lock that was not held",
            "A client reclaimed an NLM lock it did not hold when the server restarted.",
            "Check the client's lock recovery and whether it lost locks before the restart.",
            "XNFS (Open Group C702) NLM"),
    V4_RECLAIM_REFUSED(WARNING, "reclaim failed",
            "The server refused to let a client reclaim a lock after a restart, so the client lost that lock.",
            "Tell the application owner the lock was lost across the restart; check whether the client reclaimed too late.",
            "RFC 7530 §9.6.3.4"),
    V4_GRACE_DENIED(INFO, "request refused for grace",
            "The server refused a new NFSv4 request because it is in its grace period after a restart.",
            "Expected after a restart; a long grace blocks applications, so check grace settings and clients that never finish reclaim.",
            "RFC 7530 §9.6.2"),
    NLM_GRACE_DENIED(INFO, "NLM request refused for grace",
            "The server refused a new NLM lock because it is in its grace period after a restart.",
            "Expected after a restart; if it lasts long, check lockd's grace period and whether the server really restarted.",
            "XNFS (Open Group C702) NLM"),

    // ---- lease (§3.6) --------------------------------------------------------------------

    V4_LEASE_LAPSE(WARNING, "client silent longer than its lease while holding locks",
            "A client that held locks sent nothing that renews its lease for longer than the lease time, so the server may drop its locks.",
            "Investigate the client hang or network partition in that interval; consider a longer lease.",
            "RFC 7530 §9.5"),
    V4_EXPIRED_USE(ERROR, "state used after the lease expired",
            "After its lease lapsed the client used its state and the server said it had expired: its locks are lost.",
            "The application may have kept writing while it believed it held the locks; check the data those locks protected.",
            "RFC 7530 §9.6.3.2"),
    V4_EXPIRED_STOLEN(WARNING, "lock taken over after a lease lapse",
            "While a client's lease had lapsed, another client was granted a lock that conflicts with one of its locks.",
            "Legal for the server, but fatal if the first client carries on as if it still held the lock: check its later I/O.",
            "RFC 7530 §9.6.3.1"),
    V4_LAPSE_SURVIVED(INFO, "state survived a lease lapse",
            "A client came back after its lease lapsed and the server still accepted its state (courtesy locks).",
            "None; the server was lenient, but a busier server would have dropped the locks.",
            "RFC 7530 §9.6.3.1"),

    // ---- NLM and NSM (§3.7) --------------------------------------------------------------

    NLM_BLOCKED_STALLED(WARNING, "waiter never woken although the blocker went away",
            "A client waits for an NLM lock that became free, but the server never told it (GRANTED callback missing).",
            "Check that the server can call back the client's lockd: firewall, rpcbind on the client, NAT.",
            "XNFS (Open Group C702) NLM"),
    NLM_GRANTED_UNACKED(WARNING, "GRANTED callback not acknowledged",
            "The server granted a waiting lock but the client never acknowledged it, so the lock is held while the client may not know.",
            "The client's lockd is unreachable from the server (firewall, rpcbind); other hosts see the lock held forever.",
            "XNFS (Open Group C702) NLM"),
    NLM_GRANTED_AFTER_CANCEL(WARNING, "server grants a lock the client cancelled",
            "The server granted a lock the client had already cancelled, which can leave a lock nobody uses.",
            "Check that the lock is released afterwards; if not, it is leaked and blocks others.",
            "XNFS (Open Group C702) NLM"),
    NLM_GRANTED_UNKNOWN(INFO, "GRANTED for no known waiter",
            "The server granted a lock to a waiter the capture never saw, usually because it started waiting before the capture.",
            "If the client answered DENIED, check that the server released the lock.",
            "XNFS (Open Group C702) NLM"),
    NLM_MSG_RES_UNMATCHED(INFO, "async result with no request",
            "An NLM asynchronous result has no matching request in the capture, or a request never got its result.",
            "Usually the capture started or ended nearby; otherwise check the path between the two lockd daemons.",
            "XNFS (Open Group C702) NLM"),
    NSM_NOTIFY_EVEN(WARNING, "SM_NOTIFY announces an even state",
            "A host announced a reboot with an even NSM state number, which by convention means 'down', so peers may ignore it.",
            "Check the sender's NSM state file (/var/lib/nfs/state); locks may not be reclaimed or released.",
            "XNFS (Open Group C702) NSM"),
    NSM_STATE_REGRESS(WARNING, "a host's NSM state number went backwards",
            "A host's NSM state number went down, meaning its state file was reset, so peers may ignore its notifications.",
            "Give the host persistent /var/lib/nfs; look for stale locks left on its peers.",
            "XNFS (Open Group C702) NSM"),
    NSM_REBOOT_LOCKS_DROPPED(INFO, "client reboot releases its locks",
            "A client announced a reboot, so the server released every NLM lock it held.",
            "None if the client really rebooted; if it keeps using those locks, check for duplicate hostnames or cloned VMs.",
            "XNFS (Open Group C702) NSM"),
    NLM_DUP_CALLER(ERROR, "one caller name used by two hosts",
            "Two hosts use the same NLM caller name, so a reboot notice from one wipes the other's locks.",
            "Give every client a unique hostname (and NSM name).",
            "XNFS (Open Group C702) NLM"),
    NLM_REBOOT_NO_RECLAIM(WARNING, "client did not reclaim after the server restarted",
            "The server restarted and a client that held NLM locks did not reclaim them in grace, so its applications hold locks the server forgot.",
            "Check statd on the client, hostname matching (mon_name) and firewalls for statd.",
            "XNFS (Open Group C702) NLM"),

    // ---- whole-capture analyses (§3.8) -----------------------------------------------------

    X_WAITS_FOR(INFO, "who blocks whom at the end of the capture",
            "At the end of the capture these owners were waiting for locks held by these other owners.",
            "Look at holders whose client went silent or never acknowledged a grant: they will not release soon.",
            "RFC 7530 §9.4"),
    X_DEADLOCK(ERROR, "cycle in the wait-for graph",
            "Owners wait for each other in a cycle, so none of them can ever get its lock unless one gives up.",
            "Application lock-ordering bug: fix the order in which the listed files and ranges are locked.",
            "RFC 7530 §9.4"),
    X_MIXED_PROTOCOL(WARNING, "same file locked via NLM and NFSv4",
            "One file is locked through both NLM (NFSv3) and NFSv4, which recover differently after failures.",
            "Standardise the clients on one NFS version where possible.",
            "RFC 7530 §9.6; XNFS (Open Group C702) NLM"),
    X_HELD_AT_END(INFO, "inventory",
            "A lock that was still held when the capture ended.",
            "None; use it with X-WAITS-FOR to see who blocks whom.",
            "RFC 7530 §9.2"),

    // ---- context events (§3.9) -----------------------------------------------------------

    X_SERVER_RESTART(INFO, "a server started a new instance",
            "The server restarted (or failed over): state from before is gone unless clients reclaim it during grace.",
            "Context for the grace and reclaim findings that follow; check why the server restarted.",
            "RFC 7530 §9.6.2"),
    V4_OP_ERROR(INFO, "a lock-related operation failed for another reason",
            "A lock-related operation failed with an error no other rule explains.",
            "Read the status: it usually points at an application or configuration problem (e.g. LOCKS_HELD on CLOSE).",
            "RFC 7530 §13");

    private static final Map<String, FindingType> BY_ID;

    static {
        Map<String, FindingType> byId = new LinkedHashMap<>();
        for (FindingType t : values()) {
            byId.put(t.id(), t);
        }
        BY_ID = Collections.unmodifiableMap(byId);
    }

    private final String id;
    private final Severity defaultSeverity;
    private final String title;
    private final String explanation;
    private final String action;
    private final String reference;

    FindingType(Severity defaultSeverity, String title, String explanation, String action, String reference) {
        // Derived, not written twice: a constant and its id cannot disagree.
        this.id = name().replace('_', '-');
        this.defaultSeverity = defaultSeverity;
        this.title = title;
        this.explanation = explanation;
        this.action = action;
        this.reference = reference;
    }

    /** The stable dashed id, e.g. "V40-SEQID-GAP". */
    public String id() {
        return id;
    }

    /** The severity given in the catalog heading. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** A few words, as in the catalog heading. */
    public String title() {
        return title;
    }

    /** One sentence: what this means, for a support engineer. */
    public String explanation() {
        return explanation;
    }

    /** What to check or do next. */
    public String action() {
        return action;
    }

    /** The main specification section, e.g. "RFC 7530 §9.1.3". */
    public String reference() {
        return reference;
    }

    /** The type with this dashed id, if any. */
    public static Optional<FindingType> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** All ids in catalog order. */
    public static java.util.List<String> ids() {
        return Arrays.stream(values()).map(FindingType::id).toList();
    }
}
