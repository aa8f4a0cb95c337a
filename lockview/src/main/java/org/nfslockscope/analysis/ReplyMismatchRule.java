package org.nfslockscope.analysis;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.rpc.Programs;
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
    private static final int MAX_REMEMBERED = 1 << 16;
    private static final int RPCSEC_GSS = 6;

    private record Key(long callFrame, int xid) {
    }

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
    private final Map<Key, Outcome> first = new LinkedHashMap<>();
    private final CRC32C crc = new CRC32C();

    ReplyMismatchRule(ViewState view) {
        this.view = view;
    }

    void onReply(RpcEvent e) {
        if (e.call() == null) {
            return;
        }
        Key key = new Key(e.call().frame(), e.message().xid());
        Outcome now = outcome(e, (RpcReply) e.message());
        if (!e.retransmission()) {
            first.put(key, now);
            Bounded.trim(first, MAX_REMEMBERED);
            return;
        }
        Outcome before = first.get(key);
        if (before == null || (before.rpcStatus == now.rpcStatus && before.result == now.result)) {
            return;
        }
        first.put(key, now); // a third reply is compared with the latest one
        view.report(view.finding(FindingType.RPC_REPLY_MISMATCH, e.frame(), e.timeNanos(),
                Programs.programName(e.program()) + " v" + e.version() + " "
                        + Programs.procedureName(e.program(), e.version(), e.procedure()) + " (call in frame "
                        + e.call().frame() + ", xid 0x" + Integer.toHexString(key.xid) + ") was answered "
                        + before.resultName() + " in frame " + before.frame + " and " + now.resultName()
                        + " here: the server ran the request again instead of replaying its cached reply")
                .evidence(before.frame, e.call().frame()).client(e.dst().toString()).server(e.src().toString())
                .build());
    }

    private Outcome outcome(RpcEvent e, RpcReply reply) {
        int rpcStatus = reply.replyStat() << 16 | reply.acceptStat() << 8 | reply.rejectStat();
        if (!reply.hasResults() || reply.verifierFlavor() == RPCSEC_GSS) {
            return new Outcome(e.frame(), rpcStatus, 0, reply.statusName(), false);
        }
        ByteBuffer body = e.body();
        if (e.program() == Programs.NFS) {
            int status = body.remaining() >= 4 ? body.getInt(body.position()) : -1;
            return new Outcome(e.frame(), rpcStatus, status, null, true);
        }
        crc.reset();
        crc.update(body);
        int hash = (int) crc.getValue();
        return new Outcome(e.frame(), rpcStatus, hash, null, false);
    }
}
