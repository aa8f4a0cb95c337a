package org.nfslockscope.analysis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.nfs4.Nfs4Names;

/**
 * V40-OPEN-UNCONFIRMED (notes §3.2): an NFSv4.0 OPEN answered with OPEN4_RESULT_CONFIRM must be
 * confirmed by OPEN_CONFIRM before its stateid is used, and the server drops it after a lease
 * without one (RFC 7530 §16.18.5). An OPEN_CONFIRM that went out counts even when its reply is
 * not in the capture; a capture gap on the client's connection, or requests from its host the
 * capture cannot read (krb5p), make the open's fate unknown, and nothing is said. A client that
 * falls silent after the OPEN loses the open with its whole lease (V4-LEASE-LAPSE's story), so
 * the lease rule needs the client to have renewed after the OPEN: it went on without confirming.
 */
final class OpenConfirmRule {
    static final int OPEN4_RESULT_CONFIRM = 0x2;
    private static final int MAX_OPENS = 1 << 16;

    /** An open waiting for its OPEN_CONFIRM. */
    private record Pending(long callFrame, long replyFrame, long replyNanos, long connection, String client,
                           String host, String server, String serverHost, long clientid, String file, int epoch) {
    }

    private final ViewState view;
    private final ToLongFunction<String> lease;
    private final LongUnaryOperator lastRenewal;
    /** By stateid "other", in the order the opens were answered (so also by time). */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Opens whose lease ran out unconfirmed, judged at the end of the capture. */
    private final Map<String, Pending> due = new LinkedHashMap<>();
    /** When each connection last lost bytes, and each host last sent a request the capture cannot read. */
    private final Map<Long, Long> gapAt = new LinkedHashMap<>();
    private final Map<String, Long> opaqueAt = new LinkedHashMap<>();

    /** {@code lastRenewal}: a client ID's latest renewing request (call time), or -1. */
    OpenConfirmRule(ViewState view, ToLongFunction<String> lease, LongUnaryOperator lastRenewal) {
        this.view = view;
        this.lease = lease;
        this.lastRenewal = lastRenewal;
    }

    void opened(Call c, Reply r, String other, long clientid, String file, int epoch) {
        if (pending.containsKey(other)) {
            return; // an owner-level replay of the same OPEN hands out the same stateid
        }
        pending.put(other, new Pending(c.frame(), r.frame(), r.timeNanos(), c.msg().connection(),
                Texts.text(c.msg().src()), Texts.host(c.msg().src()), Texts.text(c.msg().dst()),
                Texts.host(c.msg().dst()), clientid, file, epoch));
        Bounded.trim(pending, MAX_OPENS);
    }

    /** OPEN_CONFIRM went out: whatever its answer, the client did confirm (or tried to). */
    void confirmSent(String other) {
        pending.remove(other);
    }

    /**
     * SETCLIENTID_CONFIRM for the client ID: the client (re)established itself, and the server
     * dropped what an earlier incarnation left unconfirmed (RFC 7530 §9.1.1). A confirm that only
     * updated the callback keeps the open, but the wire does not tell the two apart: stay quiet.
     */
    void clientConfirmed(long clientid) {
        pending.values().removeIf(p -> p.clientid == clientid);
        due.values().removeIf(p -> p.clientid == clientid);
    }

    /** The open's stateid was used by {@code op} before any OPEN_CONFIRM for it was seen. */
    void used(Call c, Reply r, String other, String op, int status, int epochNow) {
        Pending p = pending.remove(other);
        if (p == null || p.epoch != epochNow || blind(p)) {
            return;
        }
        report(p, r.frame(), r.timeNanos(), op + " (frame " + c.frame() + ") used the open stateid " + other
                + " before the client confirmed it; the server answered " + Nfs4Names.status(status)
                + ". An unconfirmed open is not valid for LOCK, READ or WRITE", c.frame(), r.frame());
    }

    /**
     * Opens still unconfirmed a lease after their OPEN reply are due. They are reported at the
     * end: a gap on the client's connection may only become known later, when the capture's
     * reassembly gives up waiting for the missing bytes.
     */
    void tick(long nowNanos) {
        if (pending.isEmpty()) {
            return; // called per message: no iterator when nothing waits
        }
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Pending> e = it.next();
            Pending p = e.getValue();
            long l = lease.applyAsLong(p.serverHost);
            long slack = Math.max(2 * Settings.SECOND, l / 20);
            if (nowNanos - p.replyNanos <= l + slack) {
                return;
            }
            it.remove();
            if (view.server(p.serverHost).epoch == p.epoch) {
                due.put(e.getKey(), p);
                Bounded.trim(due, MAX_OPENS);
            }
        }
    }

    void finish() {
        for (Map.Entry<String, Pending> e : due.entrySet()) {
            Pending p = e.getValue();
            if (!blind(p) && lastRenewal.applyAsLong(p.clientid) > p.replyNanos) {
                long l = lease.applyAsLong(p.serverHost);
                report(p, p.replyFrame, p.replyNanos, "the OPEN answered in frame " + p.replyFrame + " asked for"
                        + " OPEN_CONFIRM (OPEN4_RESULT_CONFIRM) and none was sent for stateid " + e.getKey()
                        + " within the " + l / Settings.SECOND + " s lease, although the client carried on: the"
                        + " server drops the open and any locks taken on it", p.callFrame);
            }
        }
        due.clear();
    }

    void captureGap(long connection, long timeNanos) {
        if (!pending.isEmpty() || !due.isEmpty()) {
            gapAt.put(connection, timeNanos);
            Bounded.trim(gapAt, MAX_OPENS);
        }
    }

    void opaque(String host, long timeNanos) {
        if (!pending.isEmpty() || !due.isEmpty()) {
            opaqueAt.put(host, timeNanos);
            Bounded.trim(opaqueAt, MAX_OPENS);
        }
    }

    /** Whether the confirmation may have gone by where the capture cannot see it. */
    private boolean blind(Pending p) {
        Long gap = gapAt.get(p.connection);
        Long opaque = opaqueAt.get(p.host);
        return (gap != null && gap >= p.replyNanos) || (opaque != null && opaque >= p.replyNanos);
    }

    private void report(Pending p, long frame, long time, String message, long... evidence) {
        view.report(view.finding(FindingType.V40_OPEN_UNCONFIRMED, frame, time, message).evidence(evidence)
                .client(p.client).server(p.server).clientId(Nfs4Tracker.hex(p.clientid)).file(p.file).build());
    }
}
