package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.lockview.Knowledge;

/**
 * X-HELD-AT-END (notes §3.8): the locks still held when the capture ended, one info finding per
 * client and server rather than one per lock, so that a capture ending with thousands of locks
 * gives a readable inventory. Each finding lists the first few locks with their knowledge
 * state and age; inferred locks are counted apart, since the view never saw them granted. Past
 * {@link #MAX_CLIENTS} clients the rest are summed up in one last finding. The full list stays
 * in {@link LockView#heldAtEnd()} (the report's locksHeldAtEnd).
 */
final class HeldAtEndRule {
    static final int MAX_CLIENTS = 100;
    static final int LOCKS_LISTED = 5;
    static final int EVIDENCE_FRAMES = 16;

    private HeldAtEndRule() {
    }

    /** The held locks of one client on one server. */
    private static final class Group {
        final String server;
        final String client;
        final String clientId;
        final List<LockView.HeldAtEnd> locks = new ArrayList<>();
        final Set<String> files = new LinkedHashSet<>();
        final Set<String> owners = new LinkedHashSet<>();

        Group(String server, String client, String clientId) {
            this.server = server;
            this.client = client;
            this.clientId = clientId;
        }

        LockView.HeldAtEnd oldest() {
            return locks.stream().min(Comparator.comparingLong(h -> h.lock().grant().sinceNanos())).orElseThrow();
        }
    }

    static List<Finding> inventory(List<LockView.HeldAtEnd> held, long endNanos) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (LockView.HeldAtEnd h : held) {
            String who = h.clientId() != null ? h.clientId() : h.client() != null ? h.client() : h.owner();
            Group g = groups.computeIfAbsent(h.server() + "|" + who, k -> new Group(h.server(), h.client(),
                    h.clientId()));
            g.locks.add(h);
            g.files.add(h.file());
            g.owners.add(h.owner());
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparingLong((Group g) -> g.oldest().lock().grant().sinceNanos())
                .thenComparing(g -> g.server + "|" + g.clientId + "|" + g.client));
        List<Finding> out = new ArrayList<>();
        for (Group g : ordered.subList(0, Math.min(MAX_CLIENTS, ordered.size()))) {
            out.add(finding(g, endNanos));
        }
        if (ordered.size() > MAX_CLIENTS) {
            out.add(rest(ordered.subList(MAX_CLIENTS, ordered.size())));
        }
        return out;
    }

    private static Finding finding(Group g, long endNanos) {
        LockView.HeldAtEnd oldest = g.oldest();
        long inferred = g.locks.stream().filter(h -> h.lock().grant().knowledge() != Knowledge.KNOWN).count();
        StringBuilder msg = new StringBuilder();
        msg.append(g.clientId != null ? g.clientId : g.client != null ? g.client : "an unknown client")
                .append(" still holds ").append(g.locks.size()).append(" lock(s) on ").append(g.files.size())
                .append(" file(s) of ").append(g.server).append(" at the end of the capture");
        if (inferred > 0) {
            msg.append(" (").append(inferred).append(" of them uncertain: inferred, never seen granted)");
        }
        msg.append(": ");
        List<String> listed = new ArrayList<>();
        for (LockView.HeldAtEnd h : g.locks.subList(0, Math.min(LOCKS_LISTED, g.locks.size()))) {
            listed.add(h.lock().type() + " " + h.lock().range() + " of " + h.file() + " by " + h.owner() + " ("
                    + h.lock().grant().knowledge().name().toLowerCase() + ", " + h.lock().grant().protocol()
                    + ", granted in frame " + h.lock().grant().frame() + ", held " + seconds(endNanos
                    - h.lock().grant().sinceNanos()) + ")");
        }
        msg.append(String.join("; ", listed));
        if (g.locks.size() > LOCKS_LISTED) {
            msg.append("; and ").append(g.locks.size() - LOCKS_LISTED).append(" more");
        }
        Finding.Builder b = Finding.builder(FindingType.X_HELD_AT_END, oldest.lock().grant().frame(),
                oldest.lock().grant().sinceNanos(), msg.toString())
                .evidence(g.locks.stream().map(h -> h.lock().grant().frame()).distinct().sorted()
                        .limit(EVIDENCE_FRAMES).toList())
                .client(g.client).server(g.server).clientId(g.clientId);
        if (g.owners.size() == 1) {
            b.owner(oldest.owner());
        }
        if (g.files.size() == 1) {
            b.file(oldest.file());
        }
        if (g.locks.size() == 1) {
            b.range(oldest.lock().range());
        }
        return b.build();
    }

    private static Finding rest(List<Group> rest) {
        int locks = rest.stream().mapToInt(g -> g.locks.size()).sum();
        Set<String> files = new LinkedHashSet<>();
        rest.forEach(g -> files.addAll(g.files));
        LockView.HeldAtEnd oldest = rest.get(0).oldest();
        return Finding.builder(FindingType.X_HELD_AT_END, oldest.lock().grant().frame(),
                oldest.lock().grant().sinceNanos(), rest.size() + " more client(s) still hold " + locks
                        + " lock(s) on " + files.size() + " file(s) at the end of the capture (not listed one by"
                        + " one; the report's locksHeldAtEnd has them all)").build();
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", Math.max(0, nanos) / 1e9);
    }
}
