package org.nfslockscope.analysis;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RecentKeys;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcReply;

/**
 * RPC-REPLY-MISMATCH (notes §3.1): a request answered twice with different results. A duplicate
 * request cache replays the reply byte for byte, so a difference means the server ran the request
 * again. What is compared leaves out what may honestly differ: the RPC header (GSS verifiers sit
 * there) is never compared; NFS results are compared by their leading status only, since a re-run
 * GETATTR returns fresh attributes; under RPCSEC_GSS only the RPC-level status is compared, since
 * krb5i/krb5p bodies carry a per-reply sequence number and checksum.
 */
final class ReplyMismatchRule {
    static final int MAX_REMEMBERED = 1 << 16;
    private static final int RPCSEC_GSS = 6;

    /**
     * What a reply said. The words for a finding are put together only when one is raised:
     * {@code statusName} for an RPC-level outcome, otherwise from the NFS status or results hash.
     */
    private record Outcome(long frame, int rpcStatus, int result, String statusName, boolean nfs) {
        String resultName() {
            if (statusName != null) {
                return statusName;
            }
            return nfs ? "with status " + result : "with results " + Integer.toHexString(result);
        }
    }

    private final ViewState view;
    /**
     * The reply kept per request (call frame and XID), in the order requests were first answered;
     * the outcome sits in the arrays below by entry number, the status name only for RPC-level
     * outcomes (shared constants).
     */
    private final RecentKeys first = new RecentKeys(false);
    private long[] frames = new long[0];
    /**
     * The RPC-level status and the results word of each outcome in one long (status high, result
     * low): an entry handed out again is usually the oldest one, out of the processor's caches,
     * so each array it is spread over costs a miss per reply.
     */
    private long[] statusResults = new long[0];
    private boolean[] nfsResults = new boolean[0];
    private String[] statusNames = new String[0];
    private final CRC32C crc = new CRC32C();

    ReplyMismatchRule(ViewState view) {
        this.view = view;
    }

    void onReply(RpcEvent e) {
        if (e.call() == null) {
            return;
        }
        int xid = e.message().xid();
        Outcome now = outcome(e, (RpcReply) e.message());
        int entry = first.find(e.call().frame(), xid);
        if (!e.retransmission()) {
            if (entry == RecentKeys.NONE) {
                // Room first: the same replies go as when trimming after adding, and the table
                // stays at the limit's size rather than doubling for one entry.
                first.trim(MAX_REMEMBERED - 1);
                entry = first.add(e.call().frame(), xid);
                grow();
            }
            store(entry, now); // a replaced reply keeps its place in the eviction order
            return;
        }
        if (entry == RecentKeys.NONE) {
            return;
        }
        Outcome before = load(entry);
        if (before.rpcStatus == now.rpcStatus && before.result == now.result) {
            return;
        }
        store(entry, now); // a third reply is compared with the latest one
        view.report(view.finding(FindingType.RPC_REPLY_MISMATCH, e.frame(), e.timeNanos(),
                Programs.programName(e.program()) + " v" + e.version() + " "
                        + Programs.procedureName(e.program(), e.version(), e.procedure()) + " (call in frame "
                        + e.call().frame() + ", xid 0x" + Integer.toHexString(xid) + ") was answered "
                        + before.resultName() + " in frame " + before.frame + " and " + now.resultName()
                        + " here: the server ran the request again instead of replaying its cached reply")
                .evidence(before.frame, e.call().frame()).client(Texts.text(e.dst())).server(Texts.text(e.src()))
                .build());
    }

    private void store(int entry, Outcome o) {
        frames[entry] = o.frame;
        statusResults[entry] = (long) o.rpcStatus << 32 | (o.result & 0xFFFFFFFFL);
        nfsResults[entry] = o.nfs;
        statusNames[entry] = o.statusName;
    }

    private Outcome load(int entry) {
        long sr = statusResults[entry];
        return new Outcome(frames[entry], (int) (sr >>> 32), (int) sr, statusNames[entry], nfsResults[entry]);
    }

    private void grow() {
        int n = first.capacity();
        if (frames.length < n) {
            frames = Arrays.copyOf(frames, n);
            statusResults = Arrays.copyOf(statusResults, n);
            nfsResults = Arrays.copyOf(nfsResults, n);
            statusNames = Arrays.copyOf(statusNames, n);
        }
    }

    /** XDR is big-endian whatever order the record's view was given. */
    private static int bigEndianInt(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private Outcome outcome(RpcEvent e, RpcReply reply) {
        int rpcStatus = reply.replyStat() << 16 | reply.acceptStat() << 8 | reply.rejectStat();
        if (!reply.hasResults() || reply.verifierFlavor() == RPCSEC_GSS) {
            return new Outcome(e.frame(), rpcStatus, 0, reply.statusName(), false);
        }
        // The body ({@link RpcEvent#body()}) read in place: a view per reply was garbage.
        ByteBuffer record = e.record();
        int at = Math.min(e.message().bodyOffset(), record.remaining());
        int from = record.position() + at;
        int n = record.remaining() - at;
        if (e.program() == Programs.NFS) {
            int status = n >= 4 ? bigEndianInt(record, from) : -1;
            return new Outcome(e.frame(), rpcStatus, status, null, true);
        }
        crc.reset();
        if (record.hasArray()) {
            crc.update(record.array(), record.arrayOffset() + from, n);
        } else {
            crc.update(e.body());
        }
        int hash = (int) crc.getValue();
        return new Outcome(e.frame(), rpcStatus, hash, null, false);
    }
}
