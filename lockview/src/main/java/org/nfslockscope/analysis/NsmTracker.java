package org.nfslockscope.analysis;

import java.util.HashMap;
import java.util.Map;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.nsm.NsmMessage;
import org.nfslockscope.nsm.NsmProc;
import org.nfslockscope.nsm.StatChge;
import org.nfslockscope.rpc.Programs;

/**
 * NSM as the lock view needs it (notes §1.11, §3.7): SM_NOTIFY says a host restarted, so the
 * receiving NLM server drops that host's locks; state numbers are odd while a host is up and only
 * go up.
 */
final class NsmTracker implements ProtocolTracker {
    private final ViewState view;
    private final NlmTracker nlm;
    private final Map<String, Integer> lastState = new HashMap<>();

    NsmTracker(ViewState view, NlmTracker nlm) {
        this.view = view;
        this.nlm = nlm;
    }

    @Override
    public boolean follows(int program, int version) {
        return program == Programs.NSM;
    }

    @Override
    public void call(Call c) {
        if (c.procedure() != NsmProc.SM_NOTIFY || !(c.body() instanceof NsmMessage m)
                || !(m.body() instanceof StatChge n) || n.monName() == null) {
            return;
        }
        String host = n.monName();
        if ((n.state() & 1) == 0) {
            view.report(view.finding(FindingType.NSM_NOTIFY_EVEN, c.frame(), c.timeNanos(),
                    "SM_NOTIFY for " + host + " carries the even state " + n.state()
                            + ", which means 'down'; peers that check parity may ignore it")
                    .clientId(host).client(c.msg().src().toString()).server(c.msg().dst().toString()).build());
        }
        Integer before = lastState.put(host, n.state());
        if (before != null && n.state() - before < 0) {
            view.report(view.finding(FindingType.NSM_STATE_REGRESS, c.frame(), c.timeNanos(),
                    "NSM state of " + host + " went back from " + before + " to " + n.state()
                            + ": its state file was probably reset")
                    .clientId(host).client(c.msg().src().toString()).build());
        }
        String sender = c.msg().src().host();
        ServerState server = view.knownServer(sender);
        if (server != null && server.answeredOutsideGrace) {
            // The notifying host is a lock server we saw answer: it restarted.
            view.restart(server, ViewState.NLM_RESTART_REFERENCE, c.frame(), c.timeNanos(),
                    "its status monitor sent SM_NOTIFY (state " + n.state() + ")");
        }
        nlm.notifySeen(c);
        nlm.hostRebooted(host, c.msg().dst().host(), c, "SM_NOTIFY");
    }

    @Override
    public void exchange(Call call, Reply reply) {
    }
}
