package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingSink;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.ContentionProfile;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.Grant;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.Knowledge;
import org.nfslockscope.lockview.LockEvent;
import org.nfslockscope.lockview.LockEventListener;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.lockview.Protocol;
import org.nfslockscope.lockview.Wait;
import org.nfslockscope.lockview.WaitForGraph;

/**
 * The lock view shared by the protocol trackers: servers and their epochs, the locks per file,
 * who waits for whom, contention, and where findings go. NFSv4 and NLM locks on one server
 * share one table, as they share the server's VFS lock table (notes §2.10).
 */
final class ViewState {
    /** Where a lock is held: the server host and the file handle. */
    record FileKey(String server, String fh) implements Comparable<FileKey> {
        /** Handles are capture data: ordered keys keep colliding hash codes at O(log n) in a map's bins. */
        private static final java.util.Comparator<String> TEXT =
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());

        @Override
        public int compareTo(FileKey o) {
            int c = TEXT.compare(server, o.server);
            return c != 0 ? c : TEXT.compare(fh, o.fh);
        }

        String label() {
            return Texts.label(fh);
        }

        /** The key the lock-view structures use for this file. */
        String id() {
            return Texts.id(server, fh);
        }
    }

    /** Who holds a lock, for reports: owner plus where its requests came from. */
    record Holder(Owner owner, String client, String clientId) {
    }

    /**
     * Rules that watch the shared table rather than one protocol's requests: a release by any
     * protocol may wake an NLM waiter, a restart detected by any tracker starts NLM recovery.
     */
    interface Listener {
        /** Some lock on {@code file} was released at {@code timeNanos}, in {@code frame}. */
        default void released(FileKey file, long timeNanos, long frame) {
        }

        /** {@code server} started a new instance; {@code held} is what it held just before. */
        default void restarted(ServerState server, Map<FileKey, FileLocks> held) {
        }
    }

    final Settings settings;
    private final FindingSink sink;
    private final Map<String, ServerState> servers = new HashMap<>();
    final Map<FileKey, FileLocks> files = new LinkedHashMap<>();
    final Map<Owner, Holder> holders = new HashMap<>();
    /** Whether {@link #holders} forgets owners that hold nothing (tests keep every one to compare). */
    boolean forgetHolders = true;
    /** Holder records left by the last {@link #forgetIdleHolders}. */
    private int holdersKept;
    final WaitForGraph waits = new WaitForGraph();
    final ContentionProfile contention = new ContentionProfile();
    /** NLM and NFSv4 handles of one file, tied together (notes §2.10). */
    final FileHandles handles = new FileHandles();
    /** Locks each server held when it restarted, for the reclaim checks. */
    final Map<String, Map<FileKey, FileLocks>> beforeRestart = new HashMap<>();
    final List<Listener> listeners = new ArrayList<>();
    private final MixedProtocolRule mixed = new MixedProtocolRule(this);
    /** Non-reclaim grants during grace, judged by both trackers before the grant ends grace. */
    final GraceGrantRule graceGrants = new GraceGrantRule(this);
    /** Grants over NFSv4 holders whose lease had lapsed: no double grant (V4-GRANT-OVER-EXPIRED). */
    final GrantOverExpiredRule overExpired = new GrantOverExpiredRule(this);
    /** The message being processed, so releases can name their frame; and the first one's time. */
    long nowFrame;
    long nowNanos;
    long startNanos = -1;
    /** Where lock events go; while NONE no event is built. */
    private LockEventListener events = LockEventListener.NONE;
    /** Grants so far, and their count when each client/server pair last lost messages. */
    private long grants;
    private static final int MAX_GAP_PAIRS = 1 << 16;
    private final Map<String, Long> downgradedAt = new HashMap<>();
    /** Per "client>server" host pair, the last frame at which the capture was seen to lose messages. */
    private final Map<String, Long> lostAt = new HashMap<>();

    ViewState(Settings settings, FindingSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    void lockEvents(LockEventListener listener) {
        events = listener == null ? LockEventListener.NONE : listener;
        waits.listener(listener == null ? null : new WaitForGraph.Listener() {
            @Override
            public void started(org.nfslockscope.lockview.Wait w) {
                events.onLockEvent(new LockEvent.WaitStarted(nowFrame, nowNanos, serverOf(w.file()), waitLock(w),
                        w.sinceNanos(), w.blockers().stream().map(Owner::label).toList()));
            }

            @Override
            public void ended(org.nfslockscope.lockview.Wait w) {
                events.onLockEvent(new LockEvent.WaitEnded(nowFrame, nowNanos, serverOf(w.file()), waitLock(w),
                        w.frame()));
            }
        });
    }

    boolean emitting() {
        return events != LockEventListener.NONE;
    }

    void emit(LockEvent e) {
        events.onLockEvent(e);
    }

    /**
     * Forgets the holder records of owners that hold no lock and wait for none: a record names
     * an owner's client only while it holds or waits. Done once a lease and whenever the records
     * doubled since the last time, which keeps the cost linear: a client that takes an owner per
     * file (lock40 opens 570 files a second) otherwise added a lease's worth of records between
     * passes, each outliving young collections before it was dropped.
     */
    void forgetIdleHolders() {
        Set<Owner> keep = holdingOwners();
        for (Wait w : waits.waits()) {
            keep.add(w.waiter());
        }
        holders.keySet().retainAll(keep);
        holdersKept = holders.size();
    }

    /** Every owner that holds a lock on some file now, in a set of its own. */
    Set<Owner> holdingOwners() {
        Set<Owner> holding = new HashSet<>();
        for (FileLocks locks : files.values()) {
            holding.addAll(locks.holders());
        }
        return holding;
    }

    /** Wait keys are FileKey ids, "server/0xfh". */
    private static String serverOf(String fileId) {
        int slash = fileId.indexOf('/');
        return slash < 0 ? "" : fileId.substring(0, slash);
    }

    private LockEvent.Lock waitLock(org.nfslockscope.lockview.Wait w) {
        int slash = w.file().indexOf('/');
        Holder who = holders.get(w.waiter());
        return new LockEvent.Lock(w.file().substring(slash + 1), w.waiter().label(), who == null ? null : who.client(),
                null, w.type(), w.range());
    }

    private LockEvent.Lock lockOf(FileKey key, Owner owner, HeldLock h) {
        Holder who = holders.get(owner);
        return new LockEvent.Lock(key.label(), owner.label(), who == null ? null : who.client(),
                h.grant().protocol(), h.type(), h.range());
    }

    /** A lock request was refused for a conflict (an event only: the table does not change). */
    void denied(FileKey key, Owner owner, String client, ByteRange range, LockType type, Protocol protocol,
                long requestFrame) {
        if (emitting() && key != null && owner != null && range != null) {
            emit(new LockEvent.LockDenied(nowFrame, nowNanos, key.server(), new LockEvent.Lock(key.label(),
                    owner.label(), client, protocol, type, range), requestFrame));
        }
    }

    /** A reclaim was answered (an event only: the grant itself goes through {@link #grant}). */
    void reclaimed(ServerState s, FileKey key, Owner owner, String client, ByteRange range, LockType type,
                   Protocol protocol, long requestFrame, long requestNanos, boolean granted) {
        if (emitting() && key != null && owner != null && range != null) {
            emit(new LockEvent.Reclaimed(nowFrame, nowNanos, key.server(), new LockEvent.Lock(key.label(),
                    owner.label(), client, protocol, type, range), requestFrame, granted,
                    s.certainlyAfterGrace(requestNanos)));
        }
    }

    /** The lock view moves on to a new message. */
    void at(long frame, long time) {
        nowFrame = frame;
        nowNanos = time;
        if (startNanos < 0) {
            startNanos = time;
        }
    }

    ServerState server(String host) {
        return servers.computeIfAbsent(host, ServerState::new);
    }

    /** The server at this host, or null when no lock request went to it. */
    ServerState knownServer(String host) {
        return servers.get(host);
    }

    /** Where an NFSv4 request's locks on {@code fh} are kept. */
    FileKey nfs4File(String server, String fh) {
        return new FileKey(server, handles.nfs4(server, fh));
    }

    /** Where an NLM request's locks on {@code fh} are kept; see {@link FileHandles}. */
    FileKey nlmFile(String server, String fh) {
        return new FileKey(server, handles.nlm(server, fh));
    }

    /** " (how the handles were matched)" when NLM and NFSv4 handles of this file differ, else "". */
    String handleNote(FileKey key) {
        String note = handles.note(key.server(), key.fh());
        return note == null ? "" : " (" + note + ")";
    }

    FileLocks file(FileKey key) {
        return files.computeIfAbsent(key, k -> new FileLocks());
    }

    void report(Finding f) {
        sink.report(f);
    }

    Finding.Builder finding(FindingType type, long frame, long time, String message) {
        return Finding.builder(type, frame, time, message);
    }

    /**
     * A lock was granted. Before it is recorded, the view checks that no other owner holds a
     * conflicting lock (X-DOUBLE-GRANT): known holders make it an error, inferred ones info.
     */
    void grant(FileKey key, Holder who, ByteRange range, LockType type, Protocol protocol, long frame, long time,
               long requestFrame, String server) {
        FileLocks locks = file(key);
        List<HeldLock> clash = locks.conflicts(who.owner(), range, type);
        if (!clash.isEmpty() && overExpired.releaseLapsed(key, who, range, type, clash, frame, time, requestFrame,
                server)) {
            locks = file(key);
            clash = locks.conflicts(who.owner(), range, type);
        }
        if (!clash.isEmpty()) {
            HeldLock h = clash.get(0);
            boolean known = clash.stream().anyMatch(c -> c.grant().knowledge() == Knowledge.KNOWN);
            Holder other = holders.get(h.owner());
            report(finding(FindingType.X_DOUBLE_GRANT, frame, time,
                    type + " lock on " + range + " of " + key.label() + " granted to " + who.owner().label()
                            + " while " + h.owner().label() + (other != null && other.client() != null
                            ? " (" + other.client() + ")" : "") + " holds " + h.type() + " " + h.range()
                            + " (granted in frame " + h.grant().frame() + ")" + handleNote(key))
                    .severity(known ? Severity.ERROR : Severity.INFO)
                    .evidence(requestFrame, h.grant().frame())
                    .client(who.client()).server(server).clientId(who.clientId())
                    .owner(who.owner().label()).file(key.label()).range(range).build());
        }
        holders.put(who.owner(), who);
        grants++;
        locks.lock(who.owner(), range, type, new Grant(time, frame, Knowledge.KNOWN, protocol));
        if (forgetHolders && holders.size() > 2 * holdersKept + 1024) {
            forgetIdleHolders();
        }
        if (emitting()) {
            emit(new LockEvent.LockGranted(frame, time, key.server(), new LockEvent.Lock(key.label(),
                    who.owner().label(), who.client(), protocol, type, range), requestFrame));
        }
        waits.refreshBlockers(key.id(), locks);
        mixed.granted(key, locks, who, protocol, clash, frame, time, server);
    }

    /**
     * Messages between {@code clientHost} and {@code serverHost} were lost from the capture (a
     * TCP gap, or a reply whose call is missing): an unlock or a release may be among them, so
     * the locks that client's owners hold on that server are from now on only inferred. A
     * conflicting grant then shows as info, not as X-DOUBLE-GRANT error (notes §3.0.2).
     */
    void unknownAfterGap(String clientHost, String serverHost, long frame) {
        if (lostAt.size() > MAX_GAP_PAIRS) {
            lostAt.clear();
        }
        lostAt.merge(clientHost + ">" + serverHost, frame, Math::max);
        // Nothing granted since the last time for this pair: nothing to weaken (keeps a run of
        // orphan replies linear).
        if (downgradedAt.size() > MAX_GAP_PAIRS) {
            downgradedAt.clear();
        }
        Long before = downgradedAt.put(clientHost + ">" + serverHost, grants);
        if (before != null && before == grants) {
            return;
        }
        for (Map.Entry<FileKey, FileLocks> e : files.entrySet()) {
            if (!e.getKey().server().equals(serverHost)) {
                continue;
            }
            FileLocks locks = e.getValue();
            for (Owner o : List.copyOf(locks.holders())) {
                Holder who = holders.get(o);
                if (who == null || who.client() == null || !clientHost.equals(hostOf(who.client()))) {
                    continue;
                }
                for (HeldLock h : locks.unlockAll(o)) {
                    locks.lock(o, h.range(), h.type(), h.grant().withKnowledge(Knowledge.INFERRED));
                }
            }
        }
    }

    /**
     * Whether messages between the two hosts were lost after {@code frame}: then what a sequence
     * check compares against (the owner's last seqid, the slot's last sequenceid) may have moved
     * on in a request the capture does not hold, and a jump is no evidence of a protocol error.
     */
    boolean lostSince(String clientHost, String serverHost, long frame) {
        if (lostAt.isEmpty()) {
            return false; // no gap so far: the pair's key need not be built
        }
        Long at = lostAt.get(clientHost + ">" + serverHost);
        return at != null && at > frame;
    }

    /** The host of an endpoint written "host:port" or "[v6]:port". */
    static String hostOf(String endpoint) {
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            return close > 0 ? endpoint.substring(1, close) : endpoint;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 && colon == endpoint.indexOf(':') ? endpoint.substring(0, colon) : endpoint;
    }

    /** Releases a range; returns what was released (for hold times). */
    List<HeldLock> release(FileKey key, Owner owner, ByteRange range, long time) {
        FileLocks locks = files.get(key);
        if (locks == null) {
            return List.of();
        }
        List<HeldLock> released = locks.unlock(owner, range);
        for (HeldLock h : released) {
            contention.recordRelease(key.label(), Math.max(0, time - h.grant().sinceNanos()));
        }
        if (emitting()) {
            boolean stillHolds = locks.holders().contains(owner);
            for (HeldLock h : released) {
                emit(new LockEvent.LockReleased(nowFrame, time, key.server(), lockOf(key, owner, h),
                        h.grant().frame(), h.grant().sinceNanos(), LockEvent.ReleaseCause.RELEASED, stillHolds));
            }
        }
        waits.refreshBlockers(key.id(), locks);
        if (locks.isEmpty()) {
            files.remove(key);
        }
        if (!released.isEmpty()) {
            for (Listener l : listeners) {
                l.released(key, time, nowFrame);
            }
        }
        return released;
    }

    /**
     * The server started a new instance: all its locks are gone (they may be reclaimed), and
     * grace begins. Reported once per epoch as X-SERVER-RESTART.
     */
    void restart(ServerState s, long frame, long time, String evidence, long... evidenceFrames) {
        restart(s, null, frame, time, evidence, evidenceFrames);
    }

    /** NLM and NSM show a restart through their own protocols, not through NFSv4 client IDs. */
    static final String NLM_RESTART_REFERENCE = "XNFS (Open Group C702) NLM (grace period) and NSM (SM_NOTIFY)";

    /** A restart proven by evidence that {@code reference} describes, or null for the catalog's NFSv4 one. */
    void restart(ServerState s, String reference, long frame, long time, String evidence, long... evidenceFrames) {
        s.epoch++;
        s.stateKnownAtRestart = s.answeredOutsideGrace && time - startNanos >= settings.leaseNanos();
        s.answeredOutsideGrace = false;
        s.inGrace = true;
        s.graceStartNanos = time;
        s.graceStartFrame = frame;
        s.graceEndNanos = -1;
        s.restartFrames.add(frame);
        if (emitting()) {
            emit(new LockEvent.ServerRestarted(frame, time, s.host, s.epoch));
        }
        Map<FileKey, FileLocks> held = new LinkedHashMap<>();
        for (Map.Entry<FileKey, FileLocks> e : new ArrayList<>(files.entrySet())) {
            if (e.getKey().server().equals(s.host)) {
                held.put(e.getKey(), e.getValue());
                files.remove(e.getKey());
            }
        }
        beforeRestart.put(s.host, held);
        if (emitting()) {
            held.forEach((k, locks) -> locks.all().forEach(h -> emit(new LockEvent.LockReleased(frame, time, s.host,
                    lockOf(k, h.owner(), h), h.grant().frame(), h.grant().sinceNanos(),
                    LockEvent.ReleaseCause.SERVER_RESTART, false))));
            emit(new LockEvent.GraceStarted(frame, time, s.host, s.epoch));
        }
        for (Listener l : listeners) {
            l.restarted(s, held);
        }
        report(finding(FindingType.X_SERVER_RESTART, frame, time,
                "server " + s.host + " started a new instance (epoch " + s.epoch + "): " + evidence
                        + (held.isEmpty() ? "" : "; " + held.size() + " file(s) had locks that must now be reclaimed"))
                .evidence(evidenceFrames).server(s.host).reference(reference).build());
    }

    /** A grace refusal: proof of grace; if the server answered normally before, proof of a restart. */
    void graceRefusal(ServerState s, long frame, long time, long requestFrame, String what) {
        graceRefusal(s, null, frame, time, requestFrame, what);
    }

    /** A grace refusal in a protocol whose restart evidence {@code reference} describes (null: NFSv4). */
    void graceRefusal(ServerState s, String reference, long frame, long time, long requestFrame, String what) {
        if (!s.inGrace || s.graceEndNanos >= 0) {
            if (s.answeredOutsideGrace || s.graceEndNanos >= 0) {
                restart(s, reference, frame, time, "it refused " + what + " for grace after answering normally before",
                        requestFrame);
            } else {
                // The capture started during grace: no restart is proven, but grace is.
                s.inGrace = true;
                s.graceStartNanos = time;
                s.graceStartFrame = frame;
                s.graceEndNanos = -1;
                if (emitting()) {
                    emit(new LockEvent.GraceStarted(frame, time, s.host, s.epoch));
                }
            }
        }
        s.lastGraceRefusalNanos = time;
    }

    /** A non-reclaim request was answered without a grace refusal: grace (if any) is over. */
    void normalAnswer(ServerState s, long frame, long time) {
        s.answeredOutsideGrace = true;
        if (s.inGrace && s.graceEndNanos < 0) {
            s.graceEndNanos = time;
            s.graceEndFrame = frame;
            s.inGrace = false;
            if (emitting()) {
                emit(new LockEvent.GraceEnded(frame, time, s.host, s.epoch));
            }
        }
    }
}
