package org.nfslockscope.analysis;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NFSv4.1 session slots (RFC 8881 §2.10.6.1; notes §2.4, §3.3). Per slot the server remembers
 * the last sequenceid it accepted (S): a new request carries S+1, a retry S, anything else is
 * misordered. S is known only after a reply was seen, or, for a session whose CREATE_SESSION
 * the capture holds, from the rule that a slot's first request carries 1. A request left
 * unanswered makes the slot's next check uncertain: the client may have bumped the sequenceid
 * on purpose (Linux does, to avoid false retries).
 */
final class SlotTables {
    private static final int MAX_SLOTS = 1 << 17;

    enum Verdict { UNKNOWN, IN_SEQUENCE, RETRY, FALSE_RETRY, MISORDERED, UNCERTAIN }

    /**
     * {@code lastFrame} is the reply that set {@code last}, or for a slot not used since its
     * session was created ({@code unused}), the CREATE_SESSION reply.
     */
    record Check(Verdict verdict, long last, long lastFrame, boolean unused) {
    }

    private static final class Slot {
        boolean known;
        int last;
        /** The request itself, turned into text only when a retry must be compared (rare). */
        Object lastRequest;
        long lastFrame;
        /** Known from its session's CREATE_SESSION (frame {@link #lastFrame}) and not used since. */
        boolean unused;
        int pending;
        boolean uncertain;
    }

    /** A slot of a session; a record rather than a joined string, as it is looked up twice per request. */
    private record SlotKey(String sessionid, int slotid) implements Comparable<SlotKey> {
        // Spelled out, as for every record on the per-packet path: a record's own equals and
        // hashCode are bound at first use through method handles, whose classes the JVM generates
        // and compiles during the run (docs/performance.md, folding round).
        @Override
        public boolean equals(Object o) {
            return o instanceof SlotKey k && slotid == k.slotid && java.util.Objects.equals(sessionid, k.sessionid);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(sessionid) * 31 + slotid;
        }

        // Session ids are capture data: ordered keys keep colliding hash codes at O(log n).
        @Override
        public int compareTo(SlotKey o) {
            int c = java.util.Objects.compare(sessionid, o.sessionid,
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            return c != 0 ? c : Integer.compare(slotid, o.slotid);
        }
    }

    private final Map<SlotKey, Slot> slots = new LinkedHashMap<>();
    /** Sessions whose CREATE_SESSION the capture holds, with the frame of its reply. */
    private final Map<String, Long> created = new HashMap<>();

    private Slot slot(String sessionid, int slotid) {
        SlotKey key = new SlotKey(sessionid, slotid);
        Slot s = slots.get(key);
        if (s == null) {
            s = new Slot();
            Long since = created.get(sessionid);
            if (since != null) {
                s.known = true; // a slot's first request in a new session carries sequenceid 1
                s.last = 0;
                s.lastFrame = since;
                s.unused = true;
            }
            slots.put(key, s);
            Iterator<SlotKey> it = slots.keySet().iterator();
            while (slots.size() > MAX_SLOTS && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        return s;
    }

    /** The session is gone: its slots are no longer known. */
    void forget(String sessionid) {
        created.remove(sessionid);
        slots.keySet().removeIf(k -> k.sessionid().equals(sessionid));
    }

    int size() {
        return slots.size() + created.size();
    }

    void created(String sessionid, long frame) {
        created.put(sessionid, frame);
    }

    void sent(String sessionid, int slotid) {
        Slot s = slot(sessionid, slotid);
        if (s.pending > 0) {
            s.uncertain = true;
        }
        s.pending++;
    }

    /**
     * The reply to a request on the slot arrived; {@code accepted} says SEQUENCE itself succeeded
     * (its errors do not move the slot on).
     */
    Check answered(String sessionid, int slotid, int q, Object request, boolean accepted, long frame) {
        Slot s = slot(sessionid, slotid);
        s.pending = Math.max(0, s.pending - 1);
        Check c;
        if (!s.known) {
            c = new Check(Verdict.UNKNOWN, -1, 0, false);
        } else if (s.uncertain) {
            c = new Check(Verdict.UNCERTAIN, s.last & 0xffffffffL, s.lastFrame, s.unused);
        } else if (q == s.last + 1) {
            c = new Check(Verdict.IN_SEQUENCE, s.last & 0xffffffffL, s.lastFrame, s.unused);
        } else if (q == s.last && s.lastRequest != null) {
            c = new Check(sameRequest(request, s.lastRequest) ? Verdict.RETRY : Verdict.FALSE_RETRY,
                    s.last & 0xffffffffL, s.lastFrame, s.unused);
        } else {
            c = new Check(Verdict.MISORDERED, s.last & 0xffffffffL, s.lastFrame, s.unused);
        }
        if (s.pending == 0) {
            s.uncertain = false;
        }
        if (accepted) {
            s.known = true;
            s.last = q;
            s.lastRequest = request;
            s.lastFrame = frame;
            s.unused = false;
        }
        return c;
    }

    /**
     * Whether a retry carries the request the slot last carried. Equal decoded requests render
     * equally, so the texts (built for every retry before, costly under a retry storm) are
     * compared only for requests whose parts compare by identity.
     */
    private static boolean sameRequest(Object request, Object last) {
        return request.equals(last) || request.toString().equals(last.toString());
    }
}
