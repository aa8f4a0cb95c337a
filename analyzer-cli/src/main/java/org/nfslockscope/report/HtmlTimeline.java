package org.nfslockscope.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.lockview.LockEvent;
import org.nfslockscope.lockview.LockEventListener;

/**
 * The {@code analyze --format html} page: one self-contained HTML file (inline CSS and script, no
 * network) drawing, per file, each owner's holds as bars over time, waits hatched, denials,
 * reclaims and findings as markers with their frames, and server restarts and grace windows
 * across the lanes of their server.
 *
 * <p>It listens to the lock events while the capture is read and keeps only the shapes it will
 * draw, so memory stays bounded by the caps below whatever the capture's length; what a cap
 * leaves out is counted and said on the page.
 */
public final class HtmlTimeline implements LockEventListener {
    static final int MAX_LANES = 2_000;
    static final int MAX_OWNERS_PER_LANE = 64;
    static final int MAX_HOLDS = 40_000;
    static final int MAX_WAITS = 20_000;
    static final int MAX_MARKS = 20_000;
    static final int MAX_FINDINGS_LISTED = 2_000;
    /** Grants listed in one hold's hover text. */
    private static final int GRANTS_PER_HOLD = 6;

    private static final class Lane {
        final int index;
        final String server;
        final String file;
        final List<String> owners = new ArrayList<>();
        final Map<String, Integer> rows = new HashMap<>();

        Lane(int index, String server, String file) {
            this.index = index;
            this.server = server;
            this.file = file;
        }
    }

    /** A hold being drawn: from the owner's first grant on the file until it holds nothing of it. */
    private static final class OpenHold {
        final long start;
        final long frame;
        final String client;
        final String protocol;
        final List<String> grants = new ArrayList<>();
        int grantCount;
        boolean write;
        boolean read;

        OpenHold(long start, long frame, String client, String protocol) {
            this.start = start;
            this.frame = frame;
            this.client = client;
            this.protocol = protocol;
        }
    }

    private record OpenWait(long start, long frame, String what, String blockedBy) {
    }

    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final List<Lane> byIndex = new ArrayList<>();
    private final Map<String, OpenHold> openHolds = new LinkedHashMap<>();
    private final Map<String, OpenWait> openWaits = new LinkedHashMap<>();
    private final List<Object[]> holds = new ArrayList<>();
    private final List<Object[]> waits = new ArrayList<>();
    private final List<Object[]> marks = new ArrayList<>();
    private final List<Map<String, Object>> restarts = new ArrayList<>();
    private final List<Map<String, Object>> graces = new ArrayList<>();
    private final Map<String, Map<String, Object>> openGrace = new HashMap<>();
    private final List<Map<String, Object>> reclaims = new ArrayList<>();
    private long droppedLanes;
    private long droppedHolds;
    private long droppedWaits;
    private long droppedMarks;
    private long events;
    private long firstEventNanos = -1;

    @Override
    public void onLockEvent(LockEvent e) {
        events++;
        if (firstEventNanos < 0) {
            firstEventNanos = e.timeNanos();
        }
        if (e instanceof LockEvent.ServerRestarted r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", r.server());
            m.put("t", r.timeNanos());
            m.put("frame", r.frame());
            m.put("epoch", r.epoch());
            restarts.add(m);
            return;
        }
        if (e instanceof LockEvent.GraceStarted g) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", g.server());
            m.put("t0", g.timeNanos());
            m.put("f0", g.frame());
            m.put("epoch", g.epoch());
            graces.add(m);
            openGrace.put(g.server(), m);
            return;
        }
        if (e instanceof LockEvent.GraceEnded g) {
            Map<String, Object> m = openGrace.remove(g.server());
            if (m != null) {
                m.put("t1", g.timeNanos());
                m.put("f1", g.frame());
            }
            return;
        }
        LockEvent.Lock lock = e.lock();
        if (lock == null) {
            return;
        }
        Lane lane = lane(e.server(), lock.file());
        if (lane == null) {
            return;
        }
        Integer row = row(lane, lock.owner());
        if (row == null) {
            return;
        }
        String key = lane.index + "|" + row;
        if (e instanceof LockEvent.LockGranted g) {
            OpenHold h = openHolds.computeIfAbsent(key, k -> new OpenHold(g.timeNanos(), g.frame(), lock.client(),
                    lock.protocol() == null ? null : lock.protocol().name()));
            h.grantCount++;
            h.write |= lock.type() == org.nfslockscope.lockview.LockType.WRITE;
            h.read |= lock.type() == org.nfslockscope.lockview.LockType.READ;
            if (h.grants.size() < GRANTS_PER_HOLD) {
                h.grants.add(lock.type() + " " + lock.range() + " granted in frame " + g.frame()
                        + " (request " + g.requestFrame() + ")");
            }
        } else if (e instanceof LockEvent.LockReleased r) {
            if (!r.ownerStillHolds()) {
                OpenHold h = openHolds.remove(key);
                if (h != null) {
                    closeHold(lane, row, h, r.timeNanos(), r.frame(),
                            r.cause() == LockEvent.ReleaseCause.SERVER_RESTART ? "lost at the server restart"
                                    : "released");
                }
            }
        } else if (e instanceof LockEvent.LockDenied d) {
            mark(lane.index, row, d.timeNanos(), d.frame(), "denied", "DENIED " + lock.type() + " " + lock.range()
                    + " to " + lock.owner() + client(lock) + " (request frame " + d.requestFrame() + ")");
        } else if (e instanceof LockEvent.Reclaimed r) {
            String kind = r.late() ? "late-reclaim" : r.granted() ? "reclaim" : "reclaim-refused";
            String text = (r.late() ? "late reclaim (sent after grace ended), " : "reclaim, ")
                    + (r.granted() ? "granted" : "refused") + ": " + lock.type() + " " + lock.range() + " by "
                    + lock.owner() + client(lock) + " (request frame " + r.requestFrame() + ")";
            mark(lane.index, row, r.timeNanos(), r.frame(), kind, text);
            if (reclaims.size() < MAX_MARKS) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("server", r.server());
                m.put("file", lock.file());
                m.put("t", r.timeNanos());
                m.put("frame", r.frame());
                m.put("kind", kind);
                m.put("text", text);
                reclaims.add(m);
            }
        } else if (e instanceof LockEvent.WaitStarted w) {
            openWaits.putIfAbsent(key + "|" + lock.range(), new OpenWait(w.sinceNanos(), w.frame(),
                    lock.type() + " " + lock.range(), String.join(", ", w.blockedBy())));
        } else if (e instanceof LockEvent.WaitEnded w) {
            OpenWait o = openWaits.remove(key + "|" + lock.range());
            if (o != null) {
                closeWait(lane, row, o, w.timeNanos(), w.frame());
            }
        }
    }

    private static String client(LockEvent.Lock lock) {
        return lock.client() == null ? "" : " (" + lock.client() + ")";
    }

    private Lane lane(String server, String file) {
        String key = server + " " + file;
        Lane lane = lanes.get(key);
        if (lane == null) {
            if (lanes.size() >= MAX_LANES) {
                droppedLanes++;
                return null;
            }
            lane = new Lane(lanes.size(), server, file);
            lanes.put(key, lane);
            byIndex.add(lane);
        }
        return lane;
    }

    private static Integer row(Lane lane, String owner) {
        Integer row = lane.rows.get(owner);
        if (row == null && lane.owners.size() < MAX_OWNERS_PER_LANE) {
            row = lane.owners.size();
            lane.owners.add(owner);
            lane.rows.put(owner, row);
        }
        return row;
    }

    private void closeHold(Lane lane, int row, OpenHold h, long end, long endFrame, String how) {
        if (holds.size() >= MAX_HOLDS) {
            droppedHolds++;
            return;
        }
        String type = h.write && h.read ? "MIXED" : h.write ? "WRITE" : "READ";
        String grants = String.join("\n", h.grants) + (h.grantCount > h.grants.size()
                ? "\n... " + (h.grantCount - h.grants.size()) + " more grants" : "");
        holds.add(new Object[] {lane.index, row, h.start, end, h.frame, endFrame, type, grants, h.client, h.protocol,
            how});
    }

    private void closeWait(Lane lane, int row, OpenWait w, long end, long endFrame) {
        if (waits.size() >= MAX_WAITS) {
            droppedWaits++;
            return;
        }
        waits.add(new Object[] {lane.index, row, w.start, end, w.frame, endFrame, w.what, w.blockedBy});
    }

    private void mark(int lane, int row, long t, long frame, String kind, String text) {
        if (marks.size() >= MAX_MARKS) {
            droppedMarks++;
            return;
        }
        marks.add(new Object[] {lane, row, t, frame, kind, text});
    }

    /**
     * Writes the page. Holds and waits still open are drawn to the end of the capture; findings
     * go on the lane of their file when it has one, else on the strip above the lanes.
     */
    public void write(OutputStream out, String title, long frames, long startNanos, long endNanos,
                      List<Finding> findings, boolean narrowed) throws IOException {
        long start = startNanos >= 0 ? startNanos : Math.max(0, firstEventNanos);
        long end = Math.max(endNanos, start);
        String endNote = "still held at the end of the capture";
        for (Map.Entry<String, OpenHold> e : openHolds.entrySet()) {
            String[] k = e.getKey().split("\\|");
            Lane lane = laneAt(Integer.parseInt(k[0]));
            closeHold(lane, Integer.parseInt(k[1]), e.getValue(), end, 0, endNote);
        }
        openHolds.clear();
        for (Map.Entry<String, OpenWait> e : openWaits.entrySet()) {
            String[] k = e.getKey().split("\\|");
            closeWait(laneAt(Integer.parseInt(k[0])), Integer.parseInt(k[1]), e.getValue(), end, 0);
        }
        openWaits.clear();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Finding f : findings) {
            int lane = laneOf(f);
            int row = lane < 0 || f.owner() == null ? 0 : laneAt(lane).rows.getOrDefault(f.owner(), 0);
            mark(lane, row, f.timeNanos(), f.frame(), "finding-" + f.severity().jsonName(),
                    f.severity().jsonName().toUpperCase() + " " + f.id() + ": " + f.message());
            if (listed.size() < MAX_FINDINGS_LISTED) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", f.id());
                m.put("severity", f.severity().jsonName());
                m.put("frame", f.frame());
                m.put("frames", f.frames());
                m.put("t", f.timeNanos());
                m.put("message", f.message());
                listed.add(m);
            }
        }
        List<String> notes = new ArrayList<>();
        if (narrowed) {
            notes.add("The report is narrowed by --client, --server, --file, --since or --until: only matching"
                    + " locks, events and findings are drawn.");
        }
        note(notes, droppedLanes, "lock events on files beyond the first " + MAX_LANES + " files");
        note(notes, droppedHolds, "holds beyond the first " + MAX_HOLDS);
        note(notes, droppedWaits, "waits beyond the first " + MAX_WAITS);
        note(notes, droppedMarks, "markers beyond the first " + MAX_MARKS);
        if (findings.size() > listed.size()) {
            notes.add("The findings list shows the first " + listed.size() + " of " + findings.size()
                    + " findings; all are drawn on the timeline.");
        }
        if (lanes.values().stream().anyMatch(l -> l.owners.size() >= MAX_OWNERS_PER_LANE)) {
            notes.add("Files with more than " + MAX_OWNERS_PER_LANE + " lock-owners show the first "
                    + MAX_OWNERS_PER_LANE + ".");
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("frames", frames);
        data.put("start", Instant.ofEpochSecond(0, start).toString());
        data.put("span", seconds(end, start));
        data.put("events", events);
        List<Map<String, Object>> laneJson = new ArrayList<>();
        for (Lane l : lanes.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", l.server);
            m.put("file", l.file);
            m.put("owners", l.owners);
            laneJson.add(m);
        }
        data.put("lanes", laneJson);
        data.put("holds", relative(holds, start, 2, 3));
        data.put("waits", relative(waits, start, 2, 3));
        data.put("marks", relative(marks, start, 2, -1));
        data.put("restarts", relativeMaps(restarts, start, "t"));
        for (Map<String, Object> g : graces) {
            if (!g.containsKey("t1")) {
                g.put("t1", end);
                g.put("open", true);
            }
        }
        data.put("grace", relativeMaps(graces, start, "t0", "t1"));
        data.put("reclaims", relativeMaps(reclaims, start, "t"));
        data.put("findings", relativeMaps(listed, start, "t"));
        data.put("notes", notes);
        out.write(page(title, new ObjectMapper().writeValueAsString(data)).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Lane laneAt(int index) {
        return byIndex.get(index);
    }

    /** The lane of a finding's file on its server, or -1 for the strip of capture-wide markers. */
    private int laneOf(Finding f) {
        if (f.file() == null) {
            return -1;
        }
        String host = f.server() == null ? null : hostOf(f.server());
        for (Lane l : lanes.values()) {
            if (l.file.equals(f.file()) && (host == null || l.server.equals(host))) {
                return l.index;
            }
        }
        return -1;
    }

    /** "10.0.0.1:2049" → "10.0.0.1", "[fe80::1]:2049" → "fe80::1". */
    static String hostOf(String endpoint) {
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            return close < 0 ? endpoint : endpoint.substring(1, close);
        }
        int colon = endpoint.indexOf(':');
        return colon < 0 || endpoint.indexOf(':', colon + 1) >= 0 ? endpoint : endpoint.substring(0, colon);
    }

    private static void note(List<String> notes, long dropped, String what) {
        if (dropped > 0) {
            notes.add("Not drawn: " + dropped + " " + what + " (the page stays usable; narrow the report with"
                    + " --file, --client, --since or --until to see them).");
        }
    }

    private static double seconds(long t, long start) {
        return Math.round((t - start) / 1e3) / 1e6;
    }

    private static List<Object[]> relative(List<Object[]> rows, long start, int a, int b) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] c = r.clone();
            c[a] = seconds((Long) r[a], start);
            if (b >= 0) {
                c[b] = seconds((Long) r[b], start);
            }
            out.add(c);
        }
        return out;
    }

    private static List<Map<String, Object>> relativeMaps(List<Map<String, Object>> rows, long start,
                                                         String... keys) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> c = new LinkedHashMap<>(r);
            for (String k : keys) {
                c.put(k, seconds((Long) r.get(k), start));
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Fills the template. The data goes into a JSON script block; every '<' in it is written as
     * \\u003c (valid inside JSON strings, where alone it can occur), so no "</script>" or
     * "<!--" in a file name or message can end the block early.
     */
    static String page(String title, String json) {
        String safeJson = json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        String t = template();
        int dataAt = t.indexOf("{{DATA}}");
        if (dataAt < 0) {
            throw new IllegalStateException("timeline.html lacks its {{DATA}} place");
        }
        // The title goes only into the template's own text, never into the data.
        String safeTitle = escapeHtml(title);
        return t.substring(0, dataAt).replace("{{TITLE}}", safeTitle) + safeJson
                + t.substring(dataAt + 8).replace("{{TITLE}}", safeTitle);
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template() {
        try (InputStream in = HtmlTimeline.class.getResourceAsStream("timeline.html")) {
            if (in == null) {
                throw new IllegalStateException("timeline.html is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
