package org.nfslockscope.analysis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * NFSv4.0 owner sequence numbers (RFC 7530 §9.1.3, §9.1.7; notes §2.2, §3.2). For each open- or
 * lock-owner it keeps L, the last seqid the server processed, and the request that carried it.
 * L is only "known" after a reply was seen; while another request of the owner is outstanding,
 * or one was never answered, the next check is skipped (the server may or may not have
 * processed it). Nothing here runs for minor versions 1 and 2, which ignore these fields.
 */
final class OwnerSequences {
    /** Replies after which the owner's sequence does not move on (RFC 7530 §9.1.7, exact list). */
    static final Set<Integer> NON_MUTATING = Set.of(10022, 10023, 10025, 10026, 10036, 10018, 10020, 10019);
    private static final int MAX_OWNERS = 1 << 17;

    /** What the check says about one request. */
    enum Verdict { FIRST_USE, IN_SEQUENCE, REPLAY, REPLAY_MISMATCH, GAP, UNCERTAIN }

    /** The outcome, with the previous request's frame and seqid for the message. */
    record Check(Verdict verdict, long lastSeqid, long lastFrame) {
    }

    /** A request of an owner still waiting for its reply. */
    record Outstanding(long frame, long timeNanos, int seqid) {
    }

    private static final class State {
        /** The latest request of the owner not yet answered, or null. */
        Outstanding outstanding;
        boolean known;
        int last;
        /** The request itself, turned into text only when a replay must be compared (rare). */
        Object lastRequest;
        long lastFrame;
        int pending;
        boolean uncertain;
    }

    private final Map<String, State> owners = new LinkedHashMap<>();

    private State state(String owner) {
        State s = owners.get(owner);
        if (s == null) {
            s = new State();
            owners.put(owner, s);
            Iterator<String> it = owners.keySet().iterator();
            while (owners.size() > MAX_OWNERS && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        return s;
    }

    /**
     * A request for {@code owner} with seqid {@code seqid} went out: one more outstanding. Returns
     * the owner's earlier request still waiting for its reply when it carried another seqid (two
     * requests in flight on one owner, RFC 7530 §9.1.7), else null. An earlier request unanswered
     * for {@code lostAfterNanos} counts as lost, and one in the same COMPOUND is no rival.
     */
    Outstanding sent(String owner, int seqid, long frame, long timeNanos, long lostAfterNanos) {
        State s = state(owner);
        if (s.pending > 0) {
            s.uncertain = true;
        }
        s.pending++;
        Outstanding before = s.outstanding;
        s.outstanding = new Outstanding(frame, timeNanos, seqid);
        boolean rival = before != null && before.frame != frame && before.seqid != seqid
                && timeNanos - before.timeNanos <= lostAfterNanos;
        return rival ? before : null;
    }

    /** Some reply to the request in {@code frame} arrived: it no longer waits, whatever it said. */
    void settled(String owner, long frame) {
        State s = owners.get(owner);
        if (s != null && s.outstanding != null && s.outstanding.frame == frame) {
            s.outstanding = null;
        }
    }

    /** next(x): x + 1, except that after 0xFFFFFFFF comes 1 (RFC 7530 §9.1.3). */
    static int next(int x) {
        return x == -1 ? 1 : x + 1;
    }

    /**
     * The reply to a request of {@code owner} with seqid {@code r} arrived. Checks the request
     * against what was known before it, then moves the sequence on unless the status is one
     * of the non-mutating errors.
     */
    Check answered(String owner, int r, Object request, int status, long frame) {
        State s = state(owner);
        s.pending = Math.max(0, s.pending - 1);
        Check check;
        if (!s.known) {
            check = new Check(Verdict.FIRST_USE, -1, 0);
        } else if (s.uncertain) {
            check = new Check(Verdict.UNCERTAIN, s.last & 0xffffffffL, s.lastFrame);
        } else if (r == next(s.last)) {
            check = new Check(Verdict.IN_SEQUENCE, s.last & 0xffffffffL, s.lastFrame);
        } else if (r == s.last) {
            check = new Check(s.lastRequest != null && request.toString().equals(s.lastRequest.toString())
                    ? Verdict.REPLAY : Verdict.REPLAY_MISMATCH,
                    s.last & 0xffffffffL, s.lastFrame);
        } else {
            check = new Check(Verdict.GAP, s.last & 0xffffffffL, s.lastFrame);
        }
        if (s.pending == 0) {
            s.uncertain = false;
        }
        if (!NON_MUTATING.contains(status)) {
            s.known = true;
            s.last = r;
            s.lastRequest = request;
            s.lastFrame = frame;
        }
        return check;
    }

    /** The client's sequence history was reset (a new verifier confirmed): every owner starts afresh. */
    int size() {
        return owners.size();
    }

    /** The owner was released (RELEASE_LOCKOWNER): a later owner of that name starts afresh. */
    void forget(String owner) {
        owners.remove(owner);
    }

    void forgetClient(long clientid) {
        String prefix = "/" + String.format("0x%016x", clientid) + "/";
        owners.keySet().removeIf(k -> k.contains(prefix));
    }
}
