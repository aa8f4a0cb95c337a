package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.lockview.Protocol;
import org.nfslockscope.lockview.WaitForGraph;

/**
 * The lock view shared by the protocol trackers: servers and their epochs, the locks per file,
 * who waits for whom, contention, and where findings go. NFSv4 and NLM locks on one server
 * share one table, as they share the server's VFS lock table (notes §2.10).
 */
final class ViewState {
    /** Where a lock is held: the server host and the file handle. */
    record FileKey(String server, String fh) {
        String label() {
            return "0x" + fh;
        }

        /** The key the lock-view structures use for this file. */
        String id() {
            return server + "/0x" + fh;
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
    final WaitForGraph waits = new WaitForGraph();
    final ContentionProfile contention = new ContentionProfile();
    /** Locks each server held when it restarted, for the reclaim checks. */
    final Map<String, Map<FileKey, FileLocks>> beforeRestart = new HashMap<>();
    final List<Listener> listeners = new ArrayList<>();
    private final MixedProtocolRule mixed = new MixedProtocolRule(this);
    /** Non-reclaim grants during grace, judged by both trackers before the grant ends grace. */
    final GraceGrantRule graceGrants = new GraceGrantRule(this);
    /** The message being processed, so releases can name their frame; and the first one's time. */
    long nowFrame;
    long nowNanos;
    long startNanos = -1;
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
        if (!clash.isEmpty()) {
            HeldLock h = clash.get(0);
            boolean known = clash.stream().anyMatch(c -> c.grant().knowledge() == Knowledge.KNOWN);
            Holder other = holders.get(h.owner());
            report(finding(FindingType.X_DOUBLE_GRANT, frame, time,
                    type + " lock on " + range + " of " + key.label() + " granted to " + who.owner().label()
                            + " while " + h.owner().label() + (other != null && other.client() != null
                            ? " (" + other.client() + ")" : "") + " holds " + h.type() + " " + h.range()
                            + " (granted in frame " + h.grant().frame() + ")")
                    .severity(known ? Severity.ERROR : Severity.INFO)
                    .evidence(requestFrame, h.grant().frame())
                    .client(who.client()).server(server).clientId(who.clientId())
                    .owner(who.owner().label()).file(key.label()).range(range).build());
        }
        holders.put(who.owner(), who);
        grants++;
        locks.lock(who.owner(), range, type, new Grant(time, frame, Knowledge.KNOWN, protocol));
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
        s.epoch++;
        s.stateKnownAtRestart = s.answeredOutsideGrace && time - startNanos >= settings.leaseNanos();
        s.answeredOutsideGrace = false;
        s.inGrace = true;
        s.graceStartNanos = time;
        s.graceStartFrame = frame;
        s.graceEndNanos = -1;
        s.restartFrames.add(frame);
        Map<FileKey, FileLocks> held = new LinkedHashMap<>();
        for (Map.Entry<FileKey, FileLocks> e : new ArrayList<>(files.entrySet())) {
            if (e.getKey().server().equals(s.host)) {
                held.put(e.getKey(), e.getValue());
                files.remove(e.getKey());
            }
        }
        beforeRestart.put(s.host, held);
        for (Listener l : listeners) {
            l.restarted(s, held);
        }
        report(finding(FindingType.X_SERVER_RESTART, frame, time,
                "server " + s.host + " started a new instance (epoch " + s.epoch + "): " + evidence
                        + (held.isEmpty() ? "" : "; " + held.size() + " file(s) had locks that must now be reclaimed"))
                .evidence(evidenceFrames).server(s.host).build());
    }

    /** A grace refusal: proof of grace; if the server answered normally before, proof of a restart. */
    void graceRefusal(ServerState s, long frame, long time, long requestFrame, String what) {
        if (!s.inGrace || s.graceEndNanos >= 0) {
            if (s.answeredOutsideGrace || s.graceEndNanos >= 0) {
                restart(s, frame, time, "it refused " + what + " for grace after answering normally before",
                        requestFrame);
            } else {
                // The capture started during grace: no restart is proven, but grace is.
                s.inGrace = true;
                s.graceStartNanos = time;
                s.graceStartFrame = frame;
                s.graceEndNanos = -1;
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
        }
    }
}
