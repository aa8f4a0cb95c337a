package org.nfslockscope.rpc;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.DiagnosticSink;
import org.nfslockscope.net.Endpoint;
import org.nfslockscope.net.StreamHandler;
import org.nfslockscope.net.TcpConnection;
import org.nfslockscope.net.UdpDatagram;
import org.nfslockscope.xdr.XdrException;

/**
 * The RPC stage: frames TCP streams into records, reads call and reply headers, and pairs each
 * reply with its call. XIDs repeat across connections and across clients, so a call is keyed by
 * where it travelled: (connection, sender, xid) on TCP, (sender, receiver, xid) on UDP. A call
 * repeated under the same key with the same arguments is a retransmission, not a new request; so
 * is one repeated on a new connection from the same host while the first was still unanswered
 * (clients retransmit after a reconnect). State is bounded: per-connection tables go when the
 * connection closes, and every table has a size and age limit.
 */
public final class RpcTracker implements StreamHandler {
    static final int MAX_CALLS_PER_CONNECTION = 8192;
    /**
     * Calls all TCP connections together remember: 16 connections at the full 8192 each, about
     * 10 MB. A capture of a busy server holds thousands of clients, and at 8192 calls each their
     * tables alone outgrew the 256 MB heap (2048 connections of 6,000 calls: out of memory). Most
     * kept calls are answered ones, kept only to recognise a late retransmission, so the budget
     * is one that a capture reaches early (64 busy connections within its first 100 MB): memory
     * then stops growing there rather than half a gigabyte in (docs/performance.md). When the
     * connections together hold this many, the calls per connection halve (not below
     * {@link #MIN_CALLS_PER_CONNECTION}) and every connection is trimmed to that; they double again
     * once the connections hold less than a quarter of it.
     */
    static final int MAX_TCP_CALLS = 1 << 17;
    static final int MIN_CALLS_PER_CONNECTION = 16;
    static final int MAX_UDP_CALLS = 1 << 17;
    static final int MAX_RECENT = 1 << 16;
    /** How long an unanswered UDP call, or a call another connection may retransmit, is remembered. */
    static final long CALL_TTL_NANOS = 600L * 1_000_000_000L;

    /** RPC state of one TCP connection. */
    private final class Conn {
        final TcpConnection tcp;
        final Side[] sides = {new Side(this, 0), new Side(this, 1)};
        final ConnectionCalls calls = new ConnectionCalls(shapes);
        final CredentialInterner.Memo credential = new CredentialInterner.Memo();
        /** The two hosts' pair, and whether this connection files its calls in {@link #recentTcpCalls}. */
        final HostPairs.Pair pair;
        boolean filing;
        boolean rpcSeen;
        /** This connection's place in {@link #conns}. */
        int place;

        Conn(TcpConnection tcp) {
            this.tcp = tcp;
            this.pair = hostPairs.opened(tcp.source(0), tcp.source(1));
        }

        /** Which side sent a call: endpoints equal as call keys compared them share a side. */
        int side(Endpoint caller) {
            return caller.equals(tcp.source(0)) ? 0 : 1;
        }
    }

    /** One direction of a connection: its framer and what the framer asks of us. */
    private final class Side implements RecordFramer.Listener {
        final Conn conn;
        final int direction;
        RecordFramer framer;

        Side(Conn conn, int direction) {
            this.conn = conn;
            this.direction = direction;
        }

        boolean gaveUp;

        /** Adds what the framer skipped and scanned since it stood at these counts. */
        void counted(long skippedBefore, long workBefore) {
            stats.resyncBytesSkipped += framer.skippedBytes() - skippedBefore;
            stats.scanWork += framer.scanWork() - workBefore;
            if (!gaveUp && framer.ignoring()) {
                gaveUp = true;
                stats.scanBudgetsExhausted++;
            }
        }

        RecordFramer framer(boolean atBoundary) {
            if (framer == null) {
                framer = new RecordFramer(this, atBoundary, maxRecord);
            }
            return framer;
        }

        @Override
        public void onRecord(ByteBuffer record, boolean complete, long frame, long time) {
            conn.rpcSeen = true;
            handle(Transport.TCP, conn.tcp.id(), conn.tcp.source(direction), conn.tcp.destination(direction),
                    record, complete, frame, time, null, conn);
        }

        @Override
        public void onFramingProblem(String message, long frame) {
            diagnostics.report(frame, Diagnostic.Stage.RPC, message + " (" + conn.tcp.source(direction)
                    + " -> " + conn.tcp.destination(direction) + ")");
        }

        @Override
        public boolean plausibleStart(ByteBuffer b, int at, int avail) {
            if (RpcHeaders.plausibleCall(b, at, avail)) {
                return true;
            }
            if (!RpcHeaders.plausibleReply(b, at, avail)) {
                return false;
            }
            // A reply is taken only when it answers a call we saw: the bytes of an AUTH_NONE call
            // seen from its program number on also pass as an accepted reply.
            return conn.calls.find(conn.side(conn.tcp.destination(direction)), b.getInt(at)) >= 0;
        }
    }

    private final RpcListener listener;
    private final DiagnosticSink diagnostics;
    private final int maxRecord;
    private final RpcStats stats = new RpcStats();
    private final HostPairs hostPairs = new HostPairs();
    private final HostPairCalls recentTcpCalls = new HostPairCalls(hostPairs);
    private final CRC32C crc = new CRC32C();
    private final CallShapes shapes = new CallShapes();
    private final UdpCalls udpCalls = new UdpCalls(shapes);
    private long serials;
    /** Set by tcpCall and udpCall: the call repeats one seen before. */
    private boolean repeated;
    /** Set by tcpCall and udpCall: the other call held under the new call's key, which it replaces. */
    private CallInfo replaced;
    private final CredentialInterner credentials = new CredentialInterner();
    private final CredentialInterner.Memo udpCredential = new CredentialInterner.Memo();
    /** The connections with RPC state, in no particular order. */
    private final java.util.ArrayList<Conn> conns = new java.util.ArrayList<>();
    /** Calls the connections' tables hold together. */
    private long tcpCalls;
    /** How many calls each connection may keep now: {@link #MAX_CALLS_PER_CONNECTION} unless many connections share {@link #MAX_TCP_CALLS}. */
    private int callsPerConnection = MAX_CALLS_PER_CONNECTION;

    public RpcTracker(RpcListener listener, DiagnosticSink diagnostics) {
        this(listener, diagnostics, RecordFramer.DEFAULT_MAX_RECORD);
    }

    public RpcTracker(RpcListener listener, DiagnosticSink diagnostics, int maxRecord) {
        this.listener = listener;
        this.diagnostics = diagnostics;
        this.maxRecord = maxRecord;
    }

    public RpcStats stats() {
        return stats;
    }

    private Conn conn(TcpConnection c) {
        if (c.attachment == null) {
            Conn n = new Conn(c);
            HostPairs.Pair pair = n.pair;
            if (pair.open > 1 || pair.filed > 0) {
                // Either connection may now repeat a call of the other, or this one a call a closed
                // one left: the calls waiting on the pair's first connection go into the table too.
                if (pair.lone != null) {
                    fileWaiting((Conn) pair.lone);
                    pair.lone = null;
                }
                n.filing = true;
            } else {
                pair.lone = n;
            }
            n.place = conns.size();
            conns.add(n);
            c.attachment = n;
        }
        return (Conn) c.attachment;
    }

    @Override
    public void onData(TcpConnection connection, int direction, ByteBuffer data, long frame, long timeNanos) {
        Side side = conn(connection).sides[direction];
        RecordFramer f = side.framer(true);
        long skipped = f.skippedBytes();
        long work = f.scanWork();
        f.feed(data, frame, timeNanos);
        side.counted(skipped, work);
    }

    @Override
    public void onGap(TcpConnection connection, int direction, long missing, long frame) {
        Side side = conn(connection).sides[direction];
        RecordFramer f = side.framer(false);
        long skipped = f.skippedBytes();
        long work = f.scanWork();
        f.gap(missing, frame, 0);
        side.counted(skipped, work);
        if (missing > 0 && !f.ignoring() && side.conn.rpcSeen) {
            diagnostics.report(frame, Diagnostic.Stage.TCP, missing + " bytes missing from the capture ("
                    + connection.source(direction) + " -> " + connection.destination(direction) + ")");
            listener.onCaptureGap(connection.id(), connection.source(direction), connection.destination(direction),
                    missing, frame);
        }
    }

    @Override
    public void onClose(TcpConnection connection, long frame) {
        Conn c = conn(connection);
        stats.unansweredCalls += c.calls.unanswered();
        if (!c.filing) {
            // A reconnect may repeat what this connection leaves unanswered.
            fileWaiting(c);
            c.pair.lone = null;
        }
        hostPairs.closed(c.pair);
        tcpCalls -= c.calls.size();
        Conn moved = conns.remove(conns.size() - 1);
        if (moved != c) {
            moved.place = c.place;
            conns.set(c.place, moved);
        }
        connection.attachment = null;
        listener.onConnectionClosed(connection.id(), frame);
    }

    @Override
    public void onDatagram(UdpDatagram d) {
        ByteBuffer b = d.payload();
        int at = b.position();
        int n = b.remaining();
        if (n < 12) {
            return;
        }
        int type = b.getInt(at + 4);
        boolean rpc;
        if (type == RpcMessage.CALL) {
            rpc = RpcHeaders.plausibleCall(b, at, n) || (d.truncated() && n >= 24 && b.getInt(at + 8) == 2
                    && RpcHeaders.knownProgram(b.getInt(at + 12), b.getInt(at + 16)));
        } else if (type == RpcMessage.REPLY) {
            rpc = udpCalls.find(-1, d.dst(), d.src(), b.getInt(at)) >= 0
                    || RpcHeaders.plausibleReply(b, at, n);
        } else {
            rpc = false;
        }
        if (rpc) {
            expireUdp(d.timeNanos());
            handle(Transport.UDP, -1, d.src(), d.dst(), b, !d.truncated(), d.frame(), d.timeNanos(), udpCalls, null);
        }
    }

    private void handle(Transport transport, long scope, Endpoint src, Endpoint dst, ByteBuffer record,
                        boolean complete, long frame, long time, UdpCalls calls, Conn conn) {
        RpcMessage m;
        try {
            m = RpcHeaders.parse(record, credentials, conn != null ? conn.credential : udpCredential);
        } catch (XdrException e) {
            stats.damagedRecords++;
            diagnostics.report(frame, Diagnostic.Stage.RPC, (complete ? "unreadable RPC header: "
                    : "RPC message cut short by the capture: ") + e.getMessage() + " (" + src + " -> " + dst + ")");
            return;
        }
        if (m instanceof RpcCall call) {
            stats.calls++;
            int h = argsHash(record, call.bodyOffset());
            CallInfo info = conn != null ? tcpCall(conn, src, dst, call, h, frame, time)
                    : udpCall(calls, scope, src, dst, call, h, frame, time);
            boolean retransmission = repeated;
            if (retransmission) {
                stats.retransmittedCalls++;
            }
            listener.onMessage(new RpcEvent(frame, time, transport, scope, src, dst, m, info, retransmission,
                    complete, record, retransmission ? null : replaced, null));
        } else {
            stats.replies++;
            RpcReply reply = (RpcReply) m;
            CallInfo info = null;
            RepeatedReply repeat = null;
            if (conn != null) {
                ConnectionCalls t = conn.calls;
                int e = t.find(conn.side(dst), m.xid());
                if (e < 0) {
                    stats.orphanReplies++;
                } else {
                    info = t.info(e);
                    repeat = reply(t, e, info, reply, record, frame);
                    if (repeat == null && conn.filing) {
                        int r = recentTcpCalls.find(dst, src, info.call().program(), info.call().version(),
                                m.xid());
                        if (r >= 0 && recentTcpCalls.serial(r) == t.serial(e)) {
                            recentTcpCalls.remove(r); // a repeat of an answered call is a new call
                        }
                    }
                }
            } else {
                int e = calls.find(scope, dst, src, m.xid());
                if (e < 0) {
                    stats.orphanReplies++;
                } else {
                    info = calls.info(e);
                    repeat = reply(calls, e, info, reply, record, frame);
                }
            }
            listener.onMessage(new RpcEvent(frame, time, transport, scope, src, dst, m, info, repeat != null,
                    complete, record, null, repeat));
        }
    }

    /**
     * Files a TCP call in its connection's table and returns the call it stands for: the original
     * when it repeats one (on this connection, or on an earlier one of the same hosts while that
     * was unanswered), else itself.
     */
    private CallInfo tcpCall(Conn conn, Endpoint src, Endpoint dst, RpcCall call, int h, long frame, long time) {
        ConnectionCalls t = conn.calls;
        int side = conn.side(src);
        int e = t.find(side, call.xid());
        replaced = null;
        if (e >= 0) {
            if (t.sameProcedure(e, call) && t.argsHash(e) == h) {
                repeated = true;
                return t.info(e);
            }
            replaced = t.info(e);
        }
        CallInfo info = new CallInfo(frame, time, call);
        long serial = ++serials;
        CallInfo original = null;
        // A lone connection looks only when calls of its hosts wait there: ones it had to forget
        // unanswered, or ones a closed connection left.
        if (conn.filing || conn.pair.filed > 0) {
            int r = recentTcpCalls.find(src, dst, call.program(), call.version(), call.xid());
            if (r >= 0) {
                // Program and version are part of the key; answered calls are not in the table.
                CallInfo earlier = recentTcpCalls.call(r);
                if (earlier.call().procedure() == call.procedure()
                        && recentTcpCalls.argsHash(r) == h && time - earlier.timeNanos() <= CALL_TTL_NANOS) {
                    original = earlier;
                }
                recentTcpCalls.remove(r);
            }
        }
        // A retransmission on a new connection is answered there, and its reply answers the
        // original: that is the call both tables keep, linked by the serial.
        CallInfo kept = original != null ? original : info;
        if (conn.filing) {
            file(src, dst, kept, h, serial, conn.pair);
        }
        if (e >= 0) {
            t.remove(e);
            tcpCalls--;
        }
        // Making room first evicts the same call as adding and then trimming would, and keeps the
        // table's arrays at the limit rather than doubling them for one entry.
        trim(conn, callsPerConnection - 1);
        t.add(side, kept, h, serial);
        tcpCalls++;
        if (tcpCalls >= MAX_TCP_CALLS && callsPerConnection > MIN_CALLS_PER_CONNECTION) {
            callsPerConnection /= 2;
            stats.callTablesHalved++;
            for (Conn c : conns) {
                trim(c, callsPerConnection);
                if (c.calls.capacity() >= 4 * Math.max(callsPerConnection, 64)) {
                    c.calls.compact();
                }
            }
        } else if (callsPerConnection < MAX_CALLS_PER_CONNECTION && tcpCalls < MAX_TCP_CALLS / 4) {
            callsPerConnection *= 2;
        }
        repeated = original != null;
        return kept;
    }

    /**
     * Files a call in the cross-connection table. Making room before adding forgets the same call
     * as trimming after would, and keeps the table's index at the size the limit needs rather
     * than doubling it for one entry.
     */
    private void file(Endpoint src, Endpoint dst, CallInfo call, int argsHash, long serial, HostPairs.Pair pair) {
        if (recentTcpCalls.size() >= MAX_RECENT) {
            recentTcpCalls.removeOldest();
            stats.recentCallsForgotten++;
        }
        recentTcpCalls.add(src, dst, call, argsHash, serial, pair);
    }

    /** Files the calls a connection has waiting for a reply, oldest first; it files every call from now on. */
    private void fileWaiting(Conn c) {
        ConnectionCalls t = c.calls;
        for (int e = t.oldest(); e >= 0; e = t.newer(e)) {
            if (!t.answered(e)) {
                fileEntry(c, e);
            }
        }
        c.filing = true;
    }

    /** Files entry {@code e} of a connection's table, an unanswered call, under the hosts it travelled between. */
    private void fileEntry(Conn c, int e) {
        ConnectionCalls t = c.calls;
        int side = t.side(e);
        file(c.tcp.source(side), c.tcp.destination(side), t.info(e), t.argsHash(e), t.serial(e), c.pair);
    }

    /**
     * Forgets a connection's oldest calls until it holds at most {@code max}. An unanswered one of
     * a connection that does not file its calls is filed now, as it would have been, so that a
     * repeat of it is still known.
     */
    private void trim(Conn c, int max) {
        ConnectionCalls t = c.calls;
        while (t.size() > max) {
            int old = t.oldest();
            if (!t.answered(old)) {
                stats.unansweredCalls++;
                stats.evictedCalls++;
                if (!c.filing) {
                    fileEntry(c, old);
                }
            }
            t.remove(old);
            tcpCalls--;
        }
    }

    /** Files a UDP call and returns the original when it repeats one under the same key, else itself. */
    private CallInfo udpCall(UdpCalls calls, long scope, Endpoint src, Endpoint dst, RpcCall call, int h,
                             long frame, long time) {
        int e = calls.find(scope, src, dst, call.xid());
        replaced = null;
        if (e >= 0) {
            if (calls.sameProcedure(e, call) && calls.argsHash(e) == h) {
                repeated = true;
                return calls.info(e);
            }
            replaced = calls.info(e);
        }
        CallInfo info = new CallInfo(frame, time, call);
        if (e >= 0) {
            calls.remove(e);
        }
        // Room first, as for TCP calls: the same calls go as when trimming after adding.
        while (calls.size() >= MAX_UDP_CALLS) {
            int old = calls.oldest();
            if (!calls.answered(old)) {
                stats.unansweredCalls++;
                stats.evictedCalls++;
            }
            calls.remove(old);
        }
        calls.add(scope, src, dst, info, h);
        repeated = false;
        return info;
    }

    /**
     * Files a reply to entry {@code e}, the call {@code info}: returns null for its first reply,
     * else what the reply before it said (a duplicate, counted).
     */
    private RepeatedReply reply(CallTable t, int e, CallInfo info, RpcReply reply, ByteBuffer record, long frame) {
        long outcome = ReplyOutcome.of(reply, info.call().program(), record, crc);
        if (!t.answered(e)) {
            t.answer(e, frame, outcome);
            return null;
        }
        stats.duplicateReplies++;
        RepeatedReply repeat = new RepeatedReply(t.replyFrame(e), t.outcome(e), outcome);
        if (repeat.differs()) {
            t.answer(e, frame, outcome);
        }
        return repeat;
    }

    private int argsHash(ByteBuffer record, int bodyOffset) {
        crc.reset();
        int at = Math.min(bodyOffset, record.remaining());
        int from = record.position() + at;
        int n = record.remaining() - at;
        if (record.hasArray()) {
            // Straight from the array: a slice per call only to be checksummed was garbage.
            crc.update(record.array(), record.arrayOffset() + from, n);
        } else {
            crc.update(record.slice(from, n));
        }
        return (int) crc.getValue();
    }

    private void expireUdp(long now) {
        for (int e = udpCalls.oldest(); e >= 0; e = udpCalls.oldest()) {
            if (now - udpCalls.timeNanos(e) <= CALL_TTL_NANOS) {
                break;
            }
            if (!udpCalls.answered(e)) {
                stats.unansweredCalls++;
            }
            udpCalls.remove(e);
        }
    }

    /** End of the capture: UDP calls still waiting are counted as unanswered. */
    public void finish() {
        for (int e = udpCalls.oldest(); e >= 0; e = udpCalls.newer(e)) {
            if (!udpCalls.answered(e)) {
                stats.unansweredCalls++;
            }
        }
        udpCalls.clear();
        recentTcpCalls.clear();
    }
}
