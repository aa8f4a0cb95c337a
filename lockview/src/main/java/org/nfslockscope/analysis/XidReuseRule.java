package org.nfslockscope.analysis;

import org.nfslockscope.findings.FindingType;
import org.nfslockscope.rpc.CallInfo;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcCall;
import org.nfslockscope.rpc.RpcEvent;

/**
 * RPC-XID-REUSE (notes §3.1): a new call (not a retransmission) repeating the XID of an earlier
 * call of the same program from the same sender within 300 s, with another procedure or other
 * arguments. Calls are compared only within one TCP connection (per sending side, so the NFSv4.1
 * backchannel has its own space) or one UDP endpoint pair: pynfs restarts XIDs on every connection
 * and ganesha sends each statd call on a fresh connection with XID 1, both harmless. RPCSEC_GSS
 * calls are left out, since their bodies carry a sequence number and checksum that change on
 * every transmission.
 *
 * <p>The earlier call is the one the RPC stage still held under the same key and replaced
 * ({@link RpcEvent#replaced()}): its tables already look every call up by sender and XID, and
 * remember as far back as they pair replies (8192 calls per TCP connection, 131,072 UDP calls
 * for up to 600 s). A table of the rule's own cost a second lookup and insertion per call.
 */
final class XidReuseRule {
    static final long WINDOW_NANOS = 300 * Settings.SECOND;

    private final ViewState view;

    XidReuseRule(ViewState view) {
        this.view = view;
    }

    void onCall(RpcEvent e) {
        CallInfo before = e.replaced();
        if (before == null || e.retransmission() || e.call() == null
                || ((RpcCall) e.message()).credential() instanceof Credential.Gss) {
            return;
        }
        RpcCall was = before.call();
        long nowTime = e.timeNanos();
        if (was.program() != e.program() || nowTime - before.timeNanos() > WINDOW_NANOS) {
            return; // other programs keep XID spaces of their own in practice
        }
        int xid = e.message().xid();
        long beforeFrame = before.frame();
        boolean sameProcedure = was.version() == e.version() && was.procedure() == e.procedure();
        view.report(view.finding(FindingType.RPC_XID_REUSE, e.frame(), e.timeNanos(),
                e.src() + " reused xid 0x" + Integer.toHexString(xid) + " of its call in frame " + beforeFrame
                        + " for a different " + Programs.programName(e.program()) + " request ("
                        + (sameProcedure ? "other arguments" : "another procedure") + ") "
                        + String.format("%.1f", (nowTime - before.timeNanos()) / 1e9)
                        + " s later: the server's duplicate request cache may answer it with the other reply")
                .evidence(beforeFrame).client(Texts.text(e.src())).server(Texts.text(e.dst())).build());
    }
}
