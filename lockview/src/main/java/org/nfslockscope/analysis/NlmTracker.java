package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.lockview.Protocol;
import org.nfslockscope.lockview.Wait;
import org.nfslockscope.net.Endpoint;
import org.nfslockscope.nlm.CancelArgs;
import org.nfslockscope.nlm.LockArgs;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.nlm.NlmMessage;
import org.nfslockscope.nlm.NlmProc;
import org.nfslockscope.nlm.NlmStat;
import org.nfslockscope.nlm.Notify;
import org.nfslockscope.nlm.Res;
import org.nfslockscope.nlm.TestArgs;
import org.nfslockscope.nlm.TestRes;
import org.nfslockscope.nlm.UnlockArgs;
import org.nfslockscope.rpc.Programs;

/**
 * The NLM side of the lock view (notes §2.9, §3.7): grants, denials, blocked requests and their
 * GRANTED callbacks, cancels, unlocks, the asynchronous _MSG/_RES pairs (matched by cookie), and
 * grace as NLM shows it. Owners are (caller_name, svid, oh); the server is the host NLM requests
 * were sent to.
 */
final class NlmTracker implements ProtocolTracker {
    /** The Linux server waits this long for GRANTED_RES before it sends GRANTED_MSG again. */
    static final long GRANTED_ACK_NANOS = 60 * Settings.SECOND;
    private static final int MAX_TRACKED = 1 << 16;

    /** A LOCK answered BLOCKED: the client waits for a GRANTED callback or polls. */
    static final class Blocked {
        final ViewState.Holder holder;
        final ViewState.FileKey file;
        final ByteRange range;
        final LockType type;
        final long sinceNanos;
        final long frame;
        long cancelFrame = -1;
        long cancelNanos;
        /** When BLOCKED was answered, and in which server epoch. */
        long blockedNanos;
        int epoch;
        /** The view showed the conflicting holders, so their release can be seen (NLM-BLOCKED-STALLED). */
        boolean blockersKnown;
        /** When the last visible blocker went away, or -1 while one still holds. */
        long releasedNanos = -1;
        long releasedFrame;
        boolean stallReported;
        /** A re-poll LOCK is out and not yet answered: the wait may be ending right now. */
        boolean polling;

        Blocked(ViewState.Holder holder, ViewState.FileKey file, ByteRange range, LockType type, long sinceNanos,
                long frame) {
            this.holder = holder;
            this.file = file;
            this.range = range;
            this.type = type;
            this.sinceNanos = sinceNanos;
            this.frame = frame;
        }
    }

    /** A GRANTED_MSG callback waiting for the client's GRANTED_RES. */
    private record GrantedMsg(long frame, long timeNanos, ViewState.FileKey file, Owner owner, ByteRange range,
                              String client, String server) {
    }

    private final ViewState view;
    private final Map<NlmLockKey, Blocked> blocked = new LinkedHashMap<>();
    private final Map<CookieKey, Call> asyncRequests = new LinkedHashMap<>();
    private final Map<CookieKey, GrantedMsg> grantedMsgs = new LinkedHashMap<>();
    /** Start of the first request for a lock, so grant wait times span polls and blocks. */
    private final FirstRequests firstRequest = new FirstRequests();

    private final StalledWaitRule stalls;
    private final NlmRecoveryRules recovery;
    private final DupCallerRule dupCallers;
    /** Every (server, caller_name) that sent requests, for the summary's count of clients. */
    private final DistinctCount callerNamesSeen = new DistinctCount();
    private String lastSeenServer;
    private String lastSeenCaller;

    NlmTracker(ViewState view) {
        this.view = view;
        this.stalls = new StalledWaitRule(view, blocked.values());
        this.recovery = new NlmRecoveryRules(view);
        this.dupCallers = new DupCallerRule(view);
        view.listeners.add(stalls);
        view.listeners.add(recovery);
    }

    /** Whether an NLM owner belongs to the host that calls itself {@code callerName}. */
    static boolean ownedBy(Owner o, String callerName) {
        return o.key().startsWith("nlm/" + callerName + "/");
    }

    @Override
    public boolean follows(int program, int version) {
        return program == Programs.NLM;
    }

    private static String host(Endpoint e) {
        return Texts.host(e);
    }

    /** The owner of an earlier request with the same caller name, svid and oh, by slot. */
    private record KnownOwner(String callerName, int svid, String ohHex, Owner owner) {
    }

    /**
     * Requests and results name the same few owners over and over; building the owner anew (its
     * handle parsed and printed again, key and label joined) cost more than the rest of a LOCK.
     * A small direct-mapped table keeps the last owner per slot; owners are immutable values.
     */
    private final KnownOwner[] owners = new KnownOwner[1 << 8];

    private Owner owner(NlmLock l) {
        String callerName = l.callerName() == null ? "?" : l.callerName();
        String oh = l.ohHex();
        int h = (callerName.hashCode() * 31 + l.svid()) * 31 + (oh == null ? 0 : oh.hashCode());
        int slot = (h * 0x9e3779b1 >>> 24) & (owners.length - 1);
        KnownOwner k = owners[slot];
        if (k != null && k.svid == l.svid() && k.callerName.equals(callerName) && Objects.equals(k.ohHex, oh)) {
            return k.owner;
        }
        Owner owner = Owner.nlm(callerName, l.svid(), bytes(oh));
        owners[slot] = new KnownOwner(callerName, l.svid(), oh, owner);
        return owner;
    }

    private static byte[] bytes(String hex) {
        return hex == null ? new byte[0] : HexFormat.of().parseHex(hex);
    }

    /** Servers may append padding to an NLM handle; the view ties it to the file's NFSv4 handle. */
    private ViewState.FileKey file(String server, NlmLock l) {
        return view.nlmFile(server, l.fhHex() == null ? "" : l.fhHex());
    }

    private static ByteRange range(NlmLock l) {
        return ByteRange.ofNlm(l.offset(), l.length());
    }

    private static NlmLockKey lockKey(String server, NlmLock l, boolean exclusive) {
        return new NlmLockKey(server, l.fhHex(), l.svid(), l.ohHex(), l.offset(), l.length(), exclusive);
    }

    private static <K, V> void bound(Map<K, V> map) {
        Bounded.trim(map, MAX_TRACKED);
    }

    /**
     * An asynchronous request or callback awaiting its answer: sending host, receiving host, its
     * _MSG procedure and cookie. A *_RES answers the *_MSG of its own kind only (its procedure is
     * the _MSG's plus 5), and a client may use one cookie for requests of different kinds.
     */
    private record CookieKey(String from, String to, int procedure, String cookie) {
    }

    private static CookieKey cookieKey(Endpoint a, Endpoint b, int msgProcedure, String cookie) {
        return new CookieKey(Texts.host(a), Texts.host(b), msgProcedure, cookie);
    }

    /** NLM numbers each *_RES five above the *_MSG it answers (TEST_MSG 6 → TEST_RES 11, RFC 1813 / XNFS). */
    private static final int RES_AFTER_MSG = NlmProc.TEST_RES - NlmProc.TEST_MSG;

    @Override
    public void call(Call c) {
        if (!(c.body() instanceof NlmMessage m) || m.body() == null) {
            return;
        }
        NlmLock requested = requestedLock(c.procedure(), m);
        if (requested != null) {
            dupCallers.request(c, requested.callerName());
            String server = Texts.host(c.msg().dst());
            if (server != lastSeenServer || !Objects.equals(requested.callerName(), lastSeenCaller)) {
                // Counting the pair just counted again changes nothing: skip joining the text.
                lastSeenServer = server;
                lastSeenCaller = requested.callerName();
                callerNamesSeen.add(server + "/" + requested.callerName());
            }
        }
        switch (c.procedure()) {
            case NlmProc.UNLOCK, NlmProc.UNLOCK_MSG -> {
                // An unlock counts from its call: the server may wake a waiter before it answers.
                UnlockArgs a = (UnlockArgs) m.body();
                String server = host(c.msg().dst());
                view.release(file(server, a.lock()), owner(a.lock()), range(a.lock()), c.timeNanos());
                if (c.procedure() == NlmProc.UNLOCK_MSG) {
                    remember(c, a.cookieHex());
                }
            }
            case NlmProc.LOCK_MSG -> {
                LockArgs a = (LockArgs) m.body();
                requested(host(c.msg().dst()), a, c.timeNanos());
                remember(c, a.cookieHex());
            }
            case NlmProc.TEST_MSG -> remember(c, ((TestArgs) m.body()).cookieHex());
            case NlmProc.CANCEL_MSG -> {
                cancelled(c, (CancelArgs) m.body());
                remember(c, ((CancelArgs) m.body()).cookieHex());
            }
            case NlmProc.CANCEL -> cancelled(c, (CancelArgs) m.body());
            case NlmProc.LOCK, NlmProc.NM_LOCK -> requested(host(c.msg().dst()), (LockArgs) m.body(), c.timeNanos());
            case NlmProc.GRANTED_MSG -> grantedCallback(c, (TestArgs) m.body(), true);
            case NlmProc.LOCK_RES, NlmProc.TEST_RES, NlmProc.CANCEL_RES, NlmProc.UNLOCK_RES -> asyncResult(c, m);
            case NlmProc.GRANTED_RES -> grantedAck(c, (Res) m.body());
            case NlmProc.FREE_ALL -> hostRebooted(((Notify) m.body()).name(), host(c.msg().dst()), c,
                    "FREE_ALL");
            default -> {
            }
        }
    }

    /** The lock of a request a client sends to a server (callbacks carry the server's name instead). */
    private static NlmLock requestedLock(int procedure, NlmMessage m) {
        return switch (procedure) {
            case NlmProc.LOCK, NlmProc.NM_LOCK, NlmProc.LOCK_MSG -> ((LockArgs) m.body()).lock();
            case NlmProc.UNLOCK, NlmProc.UNLOCK_MSG -> ((UnlockArgs) m.body()).lock();
            case NlmProc.TEST, NlmProc.TEST_MSG -> ((TestArgs) m.body()).lock();
            case NlmProc.CANCEL, NlmProc.CANCEL_MSG -> ((CancelArgs) m.body()).lock();
            default -> null;
        };
    }

    private void remember(Call c, String cookie) {
        asyncRequests.put(cookieKey(c.msg().src(), c.msg().dst(), c.procedure(), cookie), c);
        bound(asyncRequests);
    }

    private void requested(String server, LockArgs a, long time) {
        NlmLock l = a.lock();
        if (a.reclaim()) {
            recovery.reclaimSent(server, l.callerName());
        }
        NlmLockKey key = lockKey(server, l, a.exclusive());
        Blocked waiting = blocked.get(key);
        if (waiting != null) {
            waiting.polling = true;
        }
        firstRequest.putIfAbsent(key, time);
        firstRequest.trim(MAX_TRACKED);
        view.contention.recordRequest(file(server, l).label());
    }

    private void cancelled(Call c, CancelArgs a) {
        Blocked b = blocked.get(lockKey(host(c.msg().dst()), a.lock(), a.exclusive()));
        if (b != null) {
            b.cancelFrame = c.frame();
            b.cancelNanos = c.timeNanos();
        }
    }

    @Override
    public void exchange(Call c, Reply r) {
        if (!(c.body() instanceof NlmMessage call) || call.body() == null
                || !(r.body() instanceof NlmMessage reply) || reply.body() == null) {
            return;
        }
        switch (c.procedure()) {
            case NlmProc.LOCK, NlmProc.NM_LOCK -> lockResult(c, (LockArgs) call.body(), ((Res) reply.body()).stat(),
                    r.frame(), r.timeNanos());
            case NlmProc.TEST -> testResult(c, (TestRes) reply.body(), r.frame(), r.timeNanos());
            case NlmProc.CANCEL -> cancelResult(c, (CancelArgs) call.body(), ((Res) reply.body()).stat());
            case NlmProc.UNLOCK -> otherResult(c, ((Res) reply.body()).stat(), r.frame(), r.timeNanos(), "UNLOCK");
            case NlmProc.GRANTED -> grantedReply(c, (TestArgs) call.body(), ((Res) reply.body()).stat(), r.frame());
            default -> {
            }
        }
    }

    /** A *_RES call carries the result of the *_MSG request with the same cookie, sent the other way. */
    private void asyncResult(Call c, NlmMessage m) {
        String cookie = m.body() instanceof Res res ? res.cookieHex() : ((TestRes) m.body()).cookieHex();
        Call request = asyncRequests.remove(cookieKey(c.msg().dst(), c.msg().src(), c.procedure() - RES_AFTER_MSG,
                cookie));
        if (request == null) {
            view.report(view.finding(FindingType.NLM_MSG_RES_UNMATCHED, c.frame(), c.timeNanos(),
                    Programs.procedureName(Programs.NLM, c.version(), c.procedure()) + " from " + c.msg().src()
                            + " matches no asynchronous request with cookie " + cookie + " in the capture")
                    .server(Texts.text(c.msg().src())).client(Texts.text(c.msg().dst())).build());
            return;
        }
        NlmMessage req = (NlmMessage) request.body();
        switch (request.procedure()) {
            case NlmProc.LOCK_MSG -> lockResult(request, (LockArgs) req.body(), ((Res) m.body()).stat(), c.frame(),
                    c.timeNanos());
            case NlmProc.TEST_MSG -> testResult(request, (TestRes) m.body(), c.frame(), c.timeNanos());
            case NlmProc.CANCEL_MSG -> cancelResult(request, (CancelArgs) req.body(), ((Res) m.body()).stat());
            case NlmProc.UNLOCK_MSG -> otherResult(request, ((Res) m.body()).stat(), c.frame(), c.timeNanos(), "UNLOCK");
            default -> {
            }
        }
    }

    private void lockResult(Call c, LockArgs a, int stat, long frame, long time) {
        String server = host(c.msg().dst());
        ServerState s = view.server(server);
        ViewState.FileKey file = file(server, a.lock());
        Owner owner = owner(a.lock());
        ViewState.Holder holder = new ViewState.Holder(owner, Texts.text(c.msg().src()), a.lock().callerName());
        ByteRange range = range(a.lock());
        LockType type = a.exclusive() ? LockType.WRITE : LockType.READ;
        NlmLockKey key = lockKey(server, a.lock(), a.exclusive());
        Blocked waiting = blocked.get(key);
        if (waiting != null) {
            waiting.polling = false;
        }
        // Only reclaims and grace refusals quote the request.
        String what = !a.reclaim() && stat != NlmStat.DENIED_GRACE_PERIOD ? null
                : (a.reclaim() ? "reclaim " : "") + type + " lock " + range + " of " + file.label() + " for "
                        + owner.label();
        if (a.reclaim()) {
            recovery.reclaimAnswered(c, file, owner, a.lock().callerName(), range, type, frame);
            view.reclaimed(s, file, owner, holder.client(), range, type, Protocol.NLM, c.frame(), c.timeNanos(),
                    stat == NlmStat.GRANTED);
            view.graceGrants.reclaimSeen(s, Texts.host(c.msg().src()));
        }
        switch (stat) {
            case NlmStat.GRANTED -> {
                if (a.reclaim()) {
                    lateReclaim(c, s, frame, time, what, true, file, range, holder);
                } else {
                    view.graceGrants.granted(Protocol.NLM, c, frame, time, s, file, owner, range, type);
                    view.normalAnswer(s, frame, time);
                }
                view.grant(file, holder, range, type, Protocol.NLM, frame, time, c.frame(), Texts.text(c.msg().dst()));
                long first = firstRequest.remove(key, time);
                view.contention.recordGrant(file.label(), Math.max(0, time - first));
                Blocked b = blocked.remove(key);
                if (b != null) {
                    view.waits.stopWaiting(owner, file.id(), range);
                }
            }
            case NlmStat.DENIED -> {
                if (!a.reclaim()) {
                    view.normalAnswer(s, frame, time);
                }
                view.contention.recordDenial(file.label());
                view.denied(file, owner, holder.client(), range, type, Protocol.NLM, c.frame());
            }
            case NlmStat.BLOCKED -> {
                view.normalAnswer(s, frame, time);
                Blocked b = new Blocked(holder, file, range, type, firstRequest.get(key, c.timeNanos()), frame);
                FileLocks locks = view.files.get(file);
                SortedSet<Owner> blockers = locks == null ? new TreeSet<>()
                        : locks.conflictingOwners(owner, range, type);
                stalls.blocked(b, blocked.remove(key), !blockers.isEmpty(), time, s.epoch);
                blocked.put(key, b);
                bound(blocked);
                view.waits.waitFor(new Wait(owner, file.id(), range, type, b.sinceNanos, frame, blockers));
            }
            case NlmStat.DENIED_GRACE_PERIOD -> {
                if (a.reclaim()) {
                    lateReclaim(c, s, frame, time, what, false, file, range, holder);
                } else {
                    refusedForGrace(c, s, frame, time, what);
                }
            }
            default -> otherResult(c, stat, frame, time, "LOCK");
        }
    }

    /** A reclaim: after a grace end seen on the wire it is late, whatever the server answered. */
    private void lateReclaim(Call c, ServerState s, long frame, long time, String what, boolean granted,
                             ViewState.FileKey file, ByteRange range, ViewState.Holder holder) {
        if (s.certainlyAfterGrace(c.timeNanos())) {
            view.report(view.finding(FindingType.NLM_RECLAIM_OUTSIDE_GRACE, c.frame(), c.timeNanos(),
                    what + " sent after the server's grace period ended (frame " + s.graceEndFrame + ") was "
                            + (granted ? "granted: a conflicting lock may have been granted meanwhile"
                            : "refused: the client has lost this lock"))
                    .severity(granted ? Severity.ERROR : Severity.WARNING)
                    .evidence(frame, s.graceEndFrame).client(holder.client()).server(Texts.text(c.msg().dst()))
                    .clientId(holder.clientId()).owner(holder.owner().label()).file(file.label()).range(range)
                    .build());
        }
    }

    private void refusedForGrace(Call c, ServerState s, long frame, long time, String what) {
        if (!GraceEnd.uncertain(s, c.timeNanos())) {
            view.graceRefusal(s, ViewState.NLM_RESTART_REFERENCE, frame, time, c.frame(), "an NLM request");
        }
        view.report(view.finding(FindingType.NLM_GRACE_DENIED, frame, time,
                what + " refused with DENIED_GRACE_PERIOD: the server is in its grace period")
                .evidence(c.frame()).client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).build());
    }

    private void testResult(Call c, TestRes res, long frame, long time) {
        ServerState s = view.server(host(c.msg().dst()));
        if (res.stat() == NlmStat.DENIED_GRACE_PERIOD) {
            refusedForGrace(c, s, frame, time, "TEST");
        } else if (res.stat() == NlmStat.GRANTED || res.stat() == NlmStat.DENIED) {
            view.normalAnswer(s, frame, time);
        } else {
            otherResult(c, res.stat(), frame, time, "TEST");
        }
    }

    private void cancelResult(Call c, CancelArgs a, int stat) {
        if (stat != NlmStat.GRANTED) {
            return;
        }
        String server = host(c.msg().dst());
        Blocked b = blocked.remove(lockKey(server, a.lock(), a.exclusive()));
        if (b != null) {
            view.waits.stopWaiting(b.holder.owner(), b.file.id(), b.range);
            cancelledAt.put(lockKey(server, a.lock(), a.exclusive()), c.frame());
            bound(cancelledAt);
        }
    }

    private final Map<NlmLockKey, Long> cancelledAt = new LinkedHashMap<>();

    private void otherResult(Call c, int stat, long frame, long time, String op) {
        if (stat == NlmStat.GRANTED || stat == NlmStat.DENIED || stat == NlmStat.BLOCKED) {
            return;
        }
        if (stat == NlmStat.DENIED_GRACE_PERIOD) {
            view.report(view.finding(FindingType.NLM_GRACE_DENIED, frame, time,
                    op + " refused with DENIED_GRACE_PERIOD: the server is in its grace period")
                    .evidence(c.frame()).client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).build());
            return;
        }
        view.report(view.finding(FindingType.V4_OP_ERROR, frame, time,
                "NLM " + op + " failed with " + NlmStat.name(c.version(), stat))
                .evidence(c.frame()).client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).build());
    }

    /**
     * The server tells a waiter it has the lock (GRANTED or GRANTED_MSG, server → client). The
     * lock counts as held from this call: the server keeps it for the client from now on.
     */
    private void grantedCallback(Call c, TestArgs a, boolean async) {
        String server = host(c.msg().src());
        NlmLockKey key = lockKey(server, a.lock(), a.exclusive());
        Blocked b = blocked.remove(key);
        Long cancel = cancelledAt.remove(key);
        ViewState.FileKey file = file(server, a.lock());
        ByteRange range = range(a.lock());
        LockType type = a.exclusive() ? LockType.WRITE : LockType.READ;
        ViewState.Holder holder;
        if (b != null) {
            holder = b.holder;
            view.waits.stopWaiting(holder.owner(), file.id(), range);
            if (b.cancelFrame >= 0) {
                cancel = b.cancelFrame;
            }
        } else {
            holder = new ViewState.Holder(owner(a.lock()), Texts.text(c.msg().dst()), a.lock().callerName());
        }
        if (cancel != null) {
            view.report(view.finding(FindingType.NLM_GRANTED_AFTER_CANCEL, c.frame(), c.timeNanos(),
                    "the server granted " + type + " " + range + " of " + file.label() + " to " + holder.owner().label()
                            + " after the client cancelled the request (frame " + cancel + ")")
                    .evidence(cancel).client(holder.client()).server(Texts.text(c.msg().src()))
                    .owner(holder.owner().label()).file(file.label()).range(range).build());
        } else if (b == null) {
            view.report(view.finding(FindingType.NLM_GRANTED_UNKNOWN, c.frame(), c.timeNanos(),
                    "GRANTED callback for " + type + " " + range + " of " + file.label() + " matches no blocked request"
                            + " in the capture (the request may predate it)")
                    .client(holder.client()).server(Texts.text(c.msg().src())).owner(holder.owner().label())
                    .file(file.label()).range(range).build());
        }
        view.grant(file, holder, range, type, Protocol.NLM, c.frame(), c.timeNanos(), c.frame(),
                Texts.text(c.msg().src()));
        long first = firstRequest.remove(key, c.timeNanos());
        view.contention.recordGrant(file.label(), Math.max(0, c.timeNanos() - first));
        if (async) {
            grantedMsgs.put(cookieKey(c.msg().src(), c.msg().dst(), NlmProc.GRANTED_MSG, a.cookieHex()),
                    new GrantedMsg(c.frame(), c.timeNanos(), file, holder.owner(), range, Texts.text(c.msg().dst()),
                            Texts.text(c.msg().src())));
            bound(grantedMsgs);
        } else {
            pendingSyncGrant.put(c.frame(), new GrantedMsg(c.frame(), c.timeNanos(), file, holder.owner(), range,
                    Texts.text(c.msg().dst()), Texts.text(c.msg().src())));
            bound(pendingSyncGrant);
        }
    }

    private final Map<Long, GrantedMsg> pendingSyncGrant = new LinkedHashMap<>();

    private void grantedReply(Call c, TestArgs a, int stat, long frame) {
        GrantedMsg g = pendingSyncGrant.remove(c.frame());
        if (g != null && stat != NlmStat.GRANTED) {
            view.release(g.file(), g.owner(), g.range(), c.timeNanos());
        }
    }

    private void grantedAck(Call c, Res res) {
        GrantedMsg g = grantedMsgs.remove(cookieKey(c.msg().dst(), c.msg().src(), NlmProc.GRANTED_MSG,
                res.cookieHex()));
        if (g != null && res.stat() != NlmStat.GRANTED && res.stat() != NlmStat.DENIED_GRACE_PERIOD) {
            // The client does not want it (it cancelled): the server must drop the grant.
            view.release(g.file(), g.owner(), g.range(), c.timeNanos());
        }
    }

    /** SM_NOTIFY or FREE_ALL: the host rebooted, and the server drops all its NLM locks at once. */
    void hostRebooted(String name, String server, Call c, String how) {
        dupCallers.rebooted(server, name);
        for (Iterator<Blocked> it = blocked.values().iterator(); it.hasNext(); ) {
            Blocked b = it.next();
            if (b.file.server().equals(server) && ownedBy(b.holder.owner(), name)) {
                // A rebooted client waits for nothing: its pending requests died with it.
                it.remove();
                view.waits.stopWaiting(b.holder.owner(), b.file.id(), b.range);
            }
        }
        int dropped = 0;
        List<String> files = new ArrayList<>();
        for (Map.Entry<ViewState.FileKey, FileLocks> e : new ArrayList<>(view.files.entrySet())) {
            if (!e.getKey().server().equals(server)) {
                continue;
            }
            for (Owner o : new ArrayList<>(e.getValue().holders())) {
                if (ownedBy(o, name)) {
                    List<HeldLock> released = view.release(e.getKey(), o, ByteRange.of(0, -1L), c.timeNanos());
                    dropped += released.size();
                    if (!released.isEmpty()) {
                        files.add(e.getKey().label());
                    }
                }
            }
        }
        view.report(view.finding(FindingType.NSM_REBOOT_LOCKS_DROPPED, c.frame(), c.timeNanos(),
                how + ": host " + name + " restarted; the server drops its " + dropped + " NLM lock(s)"
                        + (files.isEmpty() ? "" : " on " + String.join(", ", files)))
                .clientId(name).server(server).build());
    }

    /** An SM_NOTIFY from one host to another: the receiver learns the sender restarted. */
    void notifySeen(Call c) {
        recovery.notifySeen(host(c.msg().src()), host(c.msg().dst()), c.timeNanos());
    }

    /**
     * First-request times of locks nobody waits for any more (denied, never retried) are
     * forgotten after {@code idleNanos}, so that hosts that went away leave nothing behind.
     */
    void retireIdle(long nowNanos, long idleNanos) {
        firstRequest.retireIdle(nowNanos, idleNanos, blocked.keySet());
        dupCallers.retireIdle(nowNanos);
        recovery.retireIdle(nowNanos);
    }

    int callerNamesSeen() {
        return callerNamesSeen.count();
    }

    /** Requests, waiters, callbacks and caller names kept, for {@link LockView#liveState()}. */
    int tracked() {
        return blocked.size() + asyncRequests.size() + grantedMsgs.size() + firstRequest.size() + cancelledAt.size()
                + pendingSyncGrant.size() + dupCallers.tracked() + recovery.tracked();
    }

    @Override
    public void tick(long nowNanos) {
        stalls.check(nowNanos);
    }

    @Override
    public void finish(long endNanos, long lastFrame) {
        stalls.check(endNanos);
        recovery.finish(endNanos);
        for (GrantedMsg g : grantedMsgs.values()) {
            if (endNanos - g.timeNanos() > GRANTED_ACK_NANOS) {
                view.report(view.finding(FindingType.NLM_GRANTED_UNACKED, g.frame(), g.timeNanos(),
                        "GRANTED_MSG for " + g.range() + " of " + g.file().label() + " to " + g.owner().label()
                                + " was never acknowledged with GRANTED_RES; the server keeps the lock for a client"
                                + " that may not know it has it")
                        .client(g.client()).server(g.server()).owner(g.owner().label()).file(g.file().label())
                        .range(g.range()).build());
            }
        }
    }
}
