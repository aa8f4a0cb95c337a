package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingSink;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.KeptFindings;
import org.nfslockscope.lockview.ContentionProfile;
import org.nfslockscope.lockview.DeadlockCycle;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.Wait;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;
import org.nfslockscope.rpc.RpcReply;

/**
 * The lock view: fed RPC messages in capture order, it decodes them, pairs each request with its
 * reply, and lets the protocol trackers rebuild who holds and who waits for which locks, raising
 * findings as it goes. State is updated from replies; calls carry the arguments until then
 * (notes §2.0). A retransmitted call or a duplicate reply is one request, never a second grant.
 */
public final class LockView implements RpcListener {
    /** Requests awaiting a reply are remembered up to this many (oldest dropped first). */
    static final int MAX_PENDING = 1 << 17;

    /**
     * What the view keeps about the traffic, by kind: NFSv4 clients, sessions, stateids and
     * owners; NLM requests, waiters and callbacks; files with locks; lock holders; handle
     * matches; requests awaiting a reply. It follows the live state, not the capture's length.
     */
    public record LiveState(int nfs4, int nlm, int files, int holders, int handles, int pendingCalls) {
        public int total() {
            return nfs4 + nlm + files + holders + handles + pendingCalls;
        }
    }

    /** A lock held at the end of the capture, for reports. */
    public record HeldAtEnd(String server, String file, String owner, String client, String clientId,
                            HeldLock lock) {
    }

    private final Decoders decoders;
    private final ViewState view;
    private final List<ProtocolTracker> trackers = new ArrayList<>();
    private final RpcRules rpcRules;
    private final GssPrivacyRule privacy;
    /** Calls awaiting their reply; each request is kept with its call's record (see {@link Request}). */
    private final Request.Pending pending = new Request.Pending(MAX_PENDING);
    /** What reports list: bounded, with the rest counted (see {@link KeptFindings}). */
    private final KeptFindings findings = new KeptFindings();
    private final Nfs4Tracker nfs4;
    private final NlmTracker nlm;
    private final NsmTracker nsm;
    /** Capture time of the last sweep for state of clients that went away, or -1 before the first message. */
    private long lastSweep = -1;
    private boolean retireState = true;
    private long lastFrame;
    private long lastTime;
    private long decodeFailures;

    public LockView(Decoders decoders, Settings settings, FindingSink sink) {
        this.decoders = decoders;
        this.view = new ViewState(settings, f -> {
            findings.report(f);
            sink.report(f);
        });
        this.rpcRules = new RpcRules(view);
        this.nlm = new NlmTracker(view);
        this.nfs4 = new Nfs4Tracker(view);
        trackers.add(nfs4);
        privacy = new GssPrivacyRule(view, nfs4::opaque);
        trackers.add(nlm);
        this.nsm = new NsmTracker(view, nlm);
        trackers.add(nsm);
    }

    /**
     * Sends every change of the lock view to {@code listener} as a {@link org.nfslockscope.lockview.LockEvent},
     * in frame order; null stops it. Without a listener no event is built.
     */
    public void lockEvents(org.nfslockscope.lockview.LockEventListener listener) {
        view.lockEvents(listener);
    }

    public LockView(Settings settings) {
        this(Decoders.standard(), settings, FindingSink.discarding());
    }

    /**
     * The rules the trackers evaluate today; reports list the others as not checked rather than
     * as passed.
     */
    public static Set<FindingType> checkedRules() {
        return EnumSet.of(FindingType.X_DOUBLE_GRANT, FindingType.X_SERVER_RESTART, FindingType.X_WAITS_FOR,
                FindingType.X_DEADLOCK, FindingType.X_HELD_AT_END, FindingType.V4_OP_ERROR,
                FindingType.NLM_GRANTED_AFTER_CANCEL, FindingType.NLM_GRANTED_UNKNOWN, FindingType.NLM_DUP_CALLER,
                FindingType.NLM_GRANTED_UNACKED, FindingType.NLM_MSG_RES_UNMATCHED,
                FindingType.NLM_RECLAIM_OUTSIDE_GRACE, FindingType.NLM_GRACE_DENIED,
                FindingType.NSM_NOTIFY_EVEN, FindingType.NSM_STATE_REGRESS, FindingType.NSM_REBOOT_LOCKS_DROPPED,
                FindingType.V41_BADSESSION, FindingType.V41_NO_RECLAIM_COMPLETE, FindingType.V4_LEASE_LAPSE,
                FindingType.V4_EXPIRED_STOLEN, FindingType.V4_EXPIRED_USE, FindingType.V4_GRACE_DENIED,
                FindingType.V4_STALE_USE, FindingType.V4_BAD_STATEID, FindingType.V4_OLD_STATEID,
                FindingType.V4_STATEID_AFTER_RELEASE, FindingType.V40_BAD_SEQID,
                FindingType.V4_RECLAIM_OUTSIDE_GRACE, FindingType.V4_RECLAIM_REFUSED,
                FindingType.V40_SEQID_GAP, FindingType.V40_SEQID_REPLAY_MISMATCH, FindingType.V40_OWNER_REPLAY,
                FindingType.V41_SLOT_MISORDER, FindingType.V41_FALSE_RETRY, FindingType.V41_UNCACHED_RETRY,
                FindingType.V41_STATE_REVOKED,
                FindingType.X_MIXED_PROTOCOL, FindingType.NLM_BLOCKED_STALLED, FindingType.NLM_RECLAIM_UNHELD,
                FindingType.NLM_REBOOT_NO_RECLAIM, FindingType.RPC_AUTH_FAIL, FindingType.RPC_NO_REPLY,
                FindingType.RPC_ORPHAN_REPLY, FindingType.CAP_GAP, FindingType.RPC_XID_REUSE,
                FindingType.RPC_REPLY_MISMATCH, FindingType.V40_OWNER_CONCURRENT,
                FindingType.V4_RECLAIM_UNHELD, FindingType.V4_GRACE_NONRECLAIM_GRANTED,
                FindingType.NLM_GRACE_NONRECLAIM_GRANTED, FindingType.V40_OPEN_UNCONFIRMED,
                FindingType.V4_LAPSE_SURVIVED, FindingType.V40_REPLAY_REPLY_DIFFERS,
                FindingType.RPC_GSS_PRIVACY, FindingType.V4_IO_UNLOCKED_RANGE, FindingType.V4_GRANT_OVER_EXPIRED);
    }

    private ProtocolTracker tracker(int program, int version) {
        for (ProtocolTracker t : trackers) {
            if (t.follows(program, version)) {
                return t;
            }
        }
        return null;
    }

    /** Rules that treat the first moments of a capture as "state from before it" count from here. */
    @Override
    public void onCaptureStart(long timeNanos) {
        view.startNanos = timeNanos;
    }

    @Override
    public void onMessage(RpcEvent e) {
        lastFrame = e.frame();
        lastTime = e.timeNanos();
        view.at(e.frame(), e.timeNanos());
        sweep(e.timeNanos());
        // A new call is kept by the RPC rules and by its tracker: one record serves both, and one
        // request, kept with the RPC stage's record of the call, is where its reply finds them.
        boolean newCall = e.isCall() && !e.retransmission() && e.call() != null;
        Msg callMsg = newCall ? Msg.of(e) : null;
        Request request = e.call() == null ? null
                : newCall ? Request.attach(this, e.call()) : Request.of(this, e.call());
        // RPC-level rules see every message, retransmissions and orphan replies included.
        rpcRules.onMessage(e, callMsg, request);
        for (ProtocolTracker t : trackers) {
            t.tick(e.timeNanos());
        }
        if (e.call() == null) {
            if (!e.isCall()) {
                // A reply whose call the capture lost: that call may have released a lock.
                view.unknownAfterGap(Texts.host(e.dst()), Texts.host(e.src()), e.frame());
            }
            return;
        }
        if (newCall) {
            privacy.call(e);
        }
        ProtocolTracker t = tracker(e.program(), e.version());
        if (t == null) {
            if (request != null) {
                request.release();
            }
            return;
        }
        if (e.isCall()) {
            if (e.retransmission()) {
                return;
            }
            Call c = new Call(callMsg, e.program(), e.version(), e.procedure(), decode(e));
            pending.add(request, c);
            t.call(c);
            return;
        }
        Call c = request == null ? null : pending.take(request);
        if (c == null) {
            return; // a duplicate reply, or a call from before the view's memory
        }
        RpcReply header = (RpcReply) e.message();
        Reply r = new Reply(Msg.of(e), header, header.hasResults() ? decode(e) : null);
        t.exchange(c, r);
    }

    /**
     * Once a lease of capture time, state of clients that went away is retired (issue: a week-long
     * capture must not grow the heap): NFSv4 clients silent for two leases without locks, holder
     * records of owners that hold nothing, NLM request times nobody waits on.
     */
    private void sweep(long now) {
        long lease = view.settings.leaseNanos();
        if (lastSweep < 0) {
            lastSweep = now;
        }
        if (!retireState || now - lastSweep < lease) {
            return;
        }
        lastSweep = now;
        nfs4.retireIdle(now);
        nlm.retireIdle(now, 2 * lease);
        nsm.retireIdle(now);
        view.forgetIdleHolders();
    }

    /** Keeps the state of every client to the end, so that tests can compare with retirement. */
    void keepAllState() {
        retireState = false;
        view.forgetHolders = false;
    }

    /**
     * Client identities seen in the whole capture: NFSv4 client IDs (one per client incarnation
     * and server) plus NLM caller names (per server). Several mounts or containers on one host
     * are several clients here, as the server sees them (notes §4.22).
     */
    public int clientIdsSeen() {
        return nfs4.clientIdsSeen() + nlm.callerNamesSeen();
    }

    /** How much the view keeps right now; see {@link LiveState}. */
    public LiveState liveState() {
        return new LiveState(nfs4.tracked(), nlm.tracked() + nsm.tracked(), view.files.size(), view.holders.size(),
                view.handles.tracked(), pending.size());
    }

    /** Bytes the capture lost on one direction of a connection, summed for one CAP-GAP finding. */
    private static final class Gap {
        final String src;
        final String dst;
        final long firstFrame;
        long lastFrame;
        long bytes;
        int count;

        Gap(String src, String dst, long frame) {
            this.src = src;
            this.dst = dst;
            this.firstFrame = frame;
        }
    }

    private final Map<String, Gap> gaps = new LinkedHashMap<>();

    @Override
    public void onCaptureGap(long connection, org.nfslockscope.net.Endpoint src, org.nfslockscope.net.Endpoint dst,
                             long missing, long frame) {
        Gap g = gaps.computeIfAbsent(connection + "/" + src, k -> new Gap(src.toString(), dst.toString(), frame));
        g.lastFrame = frame;
        g.bytes += missing;
        g.count++;
        nfs4.captureGap(connection, view.nowNanos);
        // Either side may be the client; the server side holds no locks as a client, so both ways are safe.
        view.unknownAfterGap(Texts.host(src), Texts.host(dst), frame);
        view.unknownAfterGap(Texts.host(dst), Texts.host(src), frame);
    }

    private void reportGaps() {
        for (Gap g : gaps.values()) {
            view.report(view.finding(FindingType.CAP_GAP, g.firstFrame, lastTime,
                    g.bytes + " bytes in " + g.count + " place(s) from frame " + g.firstFrame + " to " + g.lastFrame
                            + " are missing from the capture (" + g.src + " -> " + g.dst + "): requests and replies"
                            + " there are unknown, so state learned from this connection may be incomplete")
                    .evidence(g.lastFrame).client(g.src).server(g.dst).build());
        }
    }

    private DecodedBody decode(RpcEvent e) {
        try {
            return decoders.decode(e);
        } catch (RuntimeException x) {
            decodeFailures++;
            return null;
        }
    }

    /** The capture ended: end-of-capture analyses run, and their findings are raised. */
    public void finish() {
        reportGaps();
        privacy.finish();
        for (ProtocolTracker t : trackers) {
            t.finish(lastTime, lastFrame);
        }
        rpcRules.finish(lastTime);
        for (Finding held : HeldAtEndRule.inventory(heldAtEnd(), lastTime)) {
            view.report(held);
        }
        for (Wait w : view.waits.waits()) {
            view.report(view.finding(FindingType.X_WAITS_FOR, w.frame(), w.sinceNanos(),
                    w.waiter().label() + " waits for " + w.type() + " " + w.range() + " of " + w.file()
                            + (w.blockers().isEmpty() ? ", blocked by a holder the capture does not show"
                            : ", blocked by " + labels(w))).owner(w.waiter().label()).range(w.range()).build());
        }
        for (DeadlockCycle cycle : view.waits.cycles()) {
            Wait first = cycle.waits().get(0);
            long[] frames = cycle.waits().stream().mapToLong(Wait::frame).toArray();
            view.report(view.finding(FindingType.X_DEADLOCK, first.frame(), first.sinceNanos(),
                    "deadlock: " + cycle.describe()).evidence(frames).build());
        }
    }

    private static String labels(Wait w) {
        List<String> out = new ArrayList<>();
        w.blockers().forEach(o -> out.add(o.label()));
        return String.join(", ", out);
    }

    /** The findings raised so far, but for those beyond {@link KeptFindings}' limits. */
    public List<Finding> findings() {
        return List.copyOf(findings.kept());
    }

    /** The findings kept and the counts of all raised; set its predicate before the pass, if at all. */
    public KeptFindings findingsKept() {
        return findings;
    }

    /** Locks held at the end of the capture, by server and file. */
    public List<HeldAtEnd> heldAtEnd() {
        List<HeldAtEnd> out = new ArrayList<>();
        for (Map.Entry<ViewState.FileKey, FileLocks> e : view.files.entrySet()) {
            for (HeldLock h : e.getValue().all()) {
                ViewState.Holder who = view.holders.get(h.owner());
                out.add(new HeldAtEnd(e.getKey().server(), e.getKey().label(), h.owner().label(),
                        who == null ? null : who.client(), who == null ? null : who.clientId(), h));
            }
        }
        return out;
    }

    public List<Wait> waitersAtEnd() {
        return view.waits.waits();
    }

    public ContentionProfile contention() {
        return view.contention;
    }

    /** Messages whose body a decoder could not handle at all (each a decoder bug to fix). */
    public long decodeFailures() {
        return decodeFailures;
    }
}
