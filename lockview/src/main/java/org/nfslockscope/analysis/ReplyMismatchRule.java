package org.nfslockscope.analysis;

import org.nfslockscope.findings.FindingType;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RepeatedReply;
import org.nfslockscope.rpc.ReplyOutcome;
import org.nfslockscope.rpc.RpcEvent;

/**
 * RPC-REPLY-MISMATCH (notes §3.1): a request answered twice with different results. A duplicate
 * request cache replays the reply byte for byte, so a difference means the server ran the request
 * again; {@link ReplyOutcome} says what is compared and what is left out (RPC headers, NFS
 * attributes, GSS-protected bodies).
 *
 * <p>The RPC stage keeps the outcome of each request's reply beside the call, which it holds as
 * long as it pairs replies, and hands it on with the next reply ({@link RpcEvent#repeatedReply()}):
 * a third reply is compared with the latest that differed. A table of the rule's own cost a
 * lookup and an insertion per reply.
 */
final class ReplyMismatchRule {
    private final ViewState view;

    ReplyMismatchRule(ViewState view) {
        this.view = view;
    }

    void onReply(RpcEvent e) {
        RepeatedReply r = e.repeatedReply();
        if (r == null || e.call() == null || !r.differs()) {
            return;
        }
        int xid = e.message().xid();
        view.report(view.finding(FindingType.RPC_REPLY_MISMATCH, e.frame(), e.timeNanos(),
                Programs.programName(e.program()) + " v" + e.version() + " "
                        + Programs.procedureName(e.program(), e.version(), e.procedure()) + " (call in frame "
                        + e.call().frame() + ", xid 0x" + Integer.toHexString(xid) + ") was answered "
                        + ReplyOutcome.name(r.earlierOutcome()) + " in frame " + r.earlierFrame() + " and "
                        + ReplyOutcome.name(r.outcome())
                        + " here: the server ran the request again instead of replaying its cached reply")
                .evidence(r.earlierFrame(), e.call().frame()).client(Texts.text(e.dst())).server(Texts.text(e.src()))
                .build());
    }
}
