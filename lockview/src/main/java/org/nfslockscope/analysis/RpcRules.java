package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcCall;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcReply;

/**
 * Rules on the RPC layer (notes §3.1), fed every message including retransmissions, duplicate
 * replies and replies whose call is not in the capture:
 * <ul>
 * <li>RPC-AUTH-FAIL: an NFS or NLM request refused before it ran (MSG_DENIED, or accepted with an
 * error); a warning when the request carried lock work, since the lock change never happened;</li>
 * <li>RPC-NO-REPLY: an NFS or NLM request left unanswered for {@code T_hang} while the capture went
 * on; info for requests the capture end cut short;</li>
 * <li>RPC-ORPHAN-REPLY: replies without a call, one summary per connection (or UDP endpoint pair);</li>
 * <li>RPC-XID-REUSE and RPC-REPLY-MISMATCH, for every program: see {@link XidReuseRule} and
 * {@link ReplyMismatchRule}.</li>
 * </ul>
 * Requests are identified as the RPC stage pairs them: a retransmission (also one on a new
 * connection) and the reply come with the first transmission's record, which holds the request
 * ({@link Request}).
 */
final class RpcRules {
    static final long T_HANG_NANOS = 60 * Settings.SECOND;
    /** Replies this early answer calls sent before the capture started: not worth a finding. */
    static final long ORPHAN_START_NANOS = 5 * Settings.SECOND;
    static final int MAX_OUTSTANDING = 1 << 17;
    private static final int NLM_FIRST_ASYNC = 6;
    private static final int NLM_LAST_ASYNC = 15;
    private static final int NLM_NM_LOCK = 22;

    /** A request without a reply so far; its {@link Request} holds it until then. */
    static final class Outstanding {
        final Request request;
        final Msg msg;
        /** Program, version and procedure: named only when the request is reported. */
        final int program;
        final int version;
        final int procedure;
        final long dueNanos;
        final boolean gss;
        int transmissions = 1;
        /** When its key entered the table: part of the order reports at the end follow. */
        long sequence;
        /** Its place in its wait queue's history; see {@link Waits}. */
        long position;

        Outstanding(Request request, Msg msg, int program, int version, int procedure, long dueNanos,
                    boolean gss) {
            this.request = request;
            this.msg = msg;
            this.program = program;
            this.version = version;
            this.procedure = procedure;
            this.dueNanos = dueNanos;
            this.gss = gss;
        }
    }

    /**
     * Outstanding requests of one waiting time in call order, the oldest at the head. The head is
     * looked at on every message, and it was usually called a long queue ago: what that look
     * reads (answered or not, when due) sits in arrays beside the requests, in queue order, so
     * that it does not reach a request object the processor's caches no longer hold.
     * A request's place is its position in the queue's history (positions at or after
     * {@code head} are still in it); the arrays are rings indexed by position.
     */
    private static final class Waits {
        private Outstanding[] items = new Outstanding[16];
        private boolean[] answered = new boolean[16];
        private long[] due = new long[16];
        private long head;
        private long tail;

        int size() {
            return (int) (tail - head);
        }

        boolean isEmpty() {
            return head == tail;
        }

        private int at(long position) {
            return (int) position & (items.length - 1);
        }

        void addLast(Outstanding o) {
            if (size() == items.length) {
                grow();
            }
            int i = at(tail);
            items[i] = o;
            answered[i] = false;
            due[i] = o.dueNanos;
            o.position = tail++;
        }

        /** Records that {@code o}, of this queue, was answered; nothing when it has left already. */
        void answered(Outstanding o) {
            if (o.position >= head) {
                answered[at(o.position)] = true;
            }
        }

        boolean headAnswered() {
            return answered[at(head)];
        }

        long headDue() {
            return due[at(head)];
        }

        /** The requests still in the queue and not answered, in call order. */
        void unanswered(List<Outstanding> out) {
            for (long p = head; p < tail; p++) {
                if (!answered[at(p)]) {
                    out.add(items[at(p)]);
                }
            }
        }

        void clear() {
            while (!isEmpty()) {
                removeFirst();
            }
        }

        Outstanding removeFirst() {
            int i = at(head++);
            Outstanding o = items[i];
            items[i] = null;
            return o;
        }

        private void grow() {
            int n = items.length * 2;
            Outstanding[] items2 = new Outstanding[n];
            boolean[] answered2 = new boolean[n];
            long[] due2 = new long[n];
            for (long p = head; p < tail; p++) {
                int from = at(p);
                int to = (int) p & (n - 1);
                items2[to] = items[from];
                answered2[to] = answered[from];
                due2[to] = due[from];
            }
            items = items2;
            answered = answered2;
            due = due2;
        }
    }

    /** Replies without a call on one connection or endpoint pair. */
    private static final class Orphans {
        final Msg first;
        int count;

        Orphans(Msg first) {
            this.first = first;
        }
    }

    private final ViewState view;
    /** Requests in the order they came; ties within a frame are reported in that order at the end. */
    private long added;
    /**
     * Outstanding requests in call order, one queue per waiting time, so the oldest is always at
     * the head; answered ones are skipped when they reach it.
     */
    private final Waits shortWaits = new Waits();
    private final Waits longWaits = new Waits();
    private final Map<String, Orphans> orphans = new LinkedHashMap<>();
    private final XidReuseRule xidReuse;
    private final ReplyMismatchRule replyMismatch;

    RpcRules(ViewState view) {
        this.view = view;
        this.xidReuse = new XidReuseRule(view);
        this.replyMismatch = new ReplyMismatchRule(view);
    }

    /**
     * @param callMsg where and when a new call travelled (null for replies and retransmissions)
     * @param request the request of the message's call: new for a new call; null when the view
     *     keeps none (an orphan reply, a duplicate reply, or a call from before its memory)
     */
    void onMessage(RpcEvent e, Msg callMsg, Request request) {
        expire(shortWaits, e.timeNanos());
        expire(longWaits, e.timeNanos());
        if (e.call() == null) {
            if (!e.isCall()) {
                orphan(e);
            }
            return;
        }
        if (e.isCall()) {
            xidReuse.onCall(e);
        } else {
            replyMismatch.onReply(e);
        }
        if (!followed(e.program())) {
            return;
        }
        if (e.isCall()) {
            called(e, callMsg, request);
            return;
        }
        Outstanding o = request == null ? null : request.outstanding;
        if (o != null) {
            forget(o);
            (longWait(o.program, o.version) ? longWaits : shortWaits).answered(o);
        }
        RpcReply reply = (RpcReply) e.message();
        if (!e.retransmission() && !reply.hasResults()) {
            refused(e, reply);
        }
    }

    private static boolean followed(int program) {
        return program == Programs.NFS || program == Programs.NLM;
    }

    private void called(RpcEvent e, Msg msg, Request request) {
        if (e.retransmission()) {
            if (request != null && request.outstanding != null) {
                request.outstanding.transmissions++;
            }
            return;
        }
        if (e.program() == Programs.NLM && e.procedure() >= NLM_FIRST_ASYNC && e.procedure() <= NLM_LAST_ASYNC) {
            return; // _MSG and _RES calls are answered by a call the other way, not by a reply
        }
        // A blocking NFSv4 LOCK may legally wait up to two leases for its answer (notes §3.1); the
        // COMPOUND is not decoded here, so every NFSv4 request gets that allowance.
        boolean v4 = longWait(e.program(), e.version());
        long hang = v4 ? Math.max(T_HANG_NANOS, 2 * view.settings.leaseNanos()) : T_HANG_NANOS;
        boolean gss = ((RpcCall) e.message()).credential() instanceof Credential.Gss;
        Outstanding o = new Outstanding(request, msg, e.program(), e.version(), e.procedure(),
                e.timeNanos() + hang, gss);
        o.sequence = added++;
        request.outstanding = o;
        Waits queue = v4 ? longWaits : shortWaits;
        // Room first (the oldest goes as when trimming after adding), so the rings stay at the
        // limit's size rather than doubling for one request.
        if (queue.size() >= MAX_OUTSTANDING) {
            forget(queue.removeFirst()); // forgotten, never reported
        }
        queue.addLast(o);
    }

    /** NFSv4 requests wait in the queue of the longer allowance (see {@link #called}). */
    private static boolean longWait(int program, int version) {
        return program == Programs.NFS && version == 4;
    }

    /** Stops waiting for the request's reply; false when that had happened already. */
    private static boolean forget(Outstanding o) {
        Request r = o.request;
        if (r.outstanding != o) {
            return false;
        }
        r.outstanding = null;
        r.release();
        return true;
    }

    private static String name(RpcEvent e) {
        return name(e.program(), e.version(), e.procedure());
    }

    private static String name(int program, int version, int procedure) {
        return Programs.programName(program) + " v" + version + " " + Programs.procedureName(program, version, procedure);
    }

    /** Requests whose waiting time has passed while the capture went on are reported as hung. */
    private void expire(Waits queue, long now) {
        while (!queue.isEmpty() && (queue.headAnswered() || queue.headDue() < now)) {
            boolean answered = queue.headAnswered();
            Outstanding o = queue.removeFirst();
            if (!answered && forget(o)) {
                noReply(o, now, false);
            }
        }
    }

    private void noReply(Outstanding o, long now, boolean atEnd) {
        ServerState server = view.knownServer(Texts.host(o.msg.dst()));
        if (server != null && server.restartFrames.stream().anyMatch(f -> f > o.msg.frame())) {
            return; // the restart wiped the request out
        }
        // GSS requests outside the server's sequence window are dropped without an answer.
        Severity severity = atEnd || o.gss ? Severity.INFO : Severity.WARNING;
        view.report(view.finding(FindingType.RPC_NO_REPLY, o.msg.frame(), o.msg.timeNanos(),
                name(o.program, o.version, o.procedure) + " from " + o.msg.src() + " (xid 0x" + Integer.toHexString(o.msg.xid()) + ", "
                        + o.transmissions + " transmission(s)) got no reply in "
                        + String.format("%.1f", (now - o.msg.timeNanos()) / 1e9) + " s"
                        + (atEnd ? " before the capture ended" : " while traffic went on"))
                .severity(severity).client(Texts.text(o.msg.src())).server(Texts.text(o.msg.dst())).build());
    }

    private void refused(RpcEvent e, RpcReply reply) {
        boolean lockWork = lockWork(e.program(), e.version(), e.procedure());
        view.report(view.finding(FindingType.RPC_AUTH_FAIL, e.frame(), e.timeNanos(),
                name(e) + " (call in frame " + e.call().frame() + ") was refused at RPC level with "
                        + reply.statusName() + (lockWork ? ": the lock request was not executed" : ""))
                .severity(lockWork ? Severity.WARNING : Severity.INFO).evidence(e.call().frame())
                .client(Texts.text(e.dst())).server(Texts.text(e.src())).build());
    }

    /** NLM TEST/LOCK/CANCEL/UNLOCK (also as _MSG, and NM_LOCK), or any NFSv4 COMPOUND. */
    private static boolean lockWork(int program, int version, int procedure) {
        if (program == Programs.NLM) {
            return (procedure >= 1 && procedure <= 4) || (procedure >= 6 && procedure <= 9)
                    || procedure == NLM_NM_LOCK;
        }
        return program == Programs.NFS && version == 4 && procedure == 1;
    }

    private void orphan(RpcEvent e) {
        if (e.timeNanos() - view.startNanos < ORPHAN_START_NANOS) {
            return;
        }
        String key = e.connection() >= 0 ? "tcp " + e.connection() : e.src() + ">" + e.dst();
        orphans.computeIfAbsent(key, k -> new Orphans(Msg.of(e))).count++;
    }

    /** The capture ended: requests still unanswered are info, orphan replies are summed up. */
    void finish(long endNanos) {
        expire(shortWaits, endNanos);
        expire(longWaits, endNanos);
        List<Outstanding> left = new ArrayList<>();
        shortWaits.unanswered(left);
        longWaits.unanswered(left);
        left.sort(Comparator.<Outstanding>comparingLong(o -> o.msg.frame()).thenComparingLong(o -> o.sequence));
        for (Outstanding o : left) {
            if (forget(o)) {
                noReply(o, endNanos, true);
            }
        }
        shortWaits.clear();
        longWaits.clear();
        for (Orphans o : orphans.values()) {
            view.report(view.finding(FindingType.RPC_ORPHAN_REPLY, o.first.frame(), o.first.timeNanos(),
                    o.count + " reply(ies) from " + o.first.src() + " to " + o.first.dst()
                            + " answer calls the capture does not contain (first in frame " + o.first.frame() + ")")
                    .client(Texts.text(o.first.dst())).server(Texts.text(o.first.src())).build());
        }
    }
}
