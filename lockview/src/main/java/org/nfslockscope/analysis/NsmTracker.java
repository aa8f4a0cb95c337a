package org.nfslockscope.analysis;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.lockview.Owner;
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
    /**
     * A host's last state number is kept a day after its last SM_NOTIFY: reboots hours apart still
     * compare, and a host silent for a day that holds no NLM lock is forgotten, its next SM_NOTIFY
     * then a first sighting (no regress can be shown, none is claimed).
     */
    static final long REMEMBER_NANOS = 24 * 3600 * Settings.SECOND;
    /** A last resort against hosts that notify faster than a day retires them. */
    private static final int MAX_HOSTS = 1 << 16;

    private record Seen(int state, long timeNanos) {
    }

    private final ViewState view;
    private final NlmTracker nlm;
    /** Last state number per mon_name, least recently notified first. */
    private final Map<String, Seen> lastState = new LinkedHashMap<>(16, 0.75f, true);

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
                    .clientId(host).client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).build());
        }
        Seen seen = lastState.put(host, new Seen(n.state(), c.timeNanos()));
        Bounded.trim(lastState, MAX_HOSTS);
        Integer before = seen == null ? null : seen.state();
        if (before != null && n.state() - before < 0) {
            view.report(view.finding(FindingType.NSM_STATE_REGRESS, c.frame(), c.timeNanos(),
                    "NSM state of " + host + " went back from " + before + " to " + n.state()
                            + ": its state file was probably reset")
                    .clientId(host).client(Texts.text(c.msg().src())).build());
        }
        String sender = Texts.host(c.msg().src());
        ServerState server = view.knownServer(sender);
        if (server != null && server.answeredOutsideGrace) {
            // The notifying host is a lock server we saw answer: it restarted.
            view.restart(server, ViewState.NLM_RESTART_REFERENCE, c.frame(), c.timeNanos(),
                    "its status monitor sent SM_NOTIFY (state " + n.state() + ")");
        }
        nlm.notifySeen(c);
        nlm.hostRebooted(host, Texts.host(c.msg().dst()), c, "SM_NOTIFY");
    }

    @Override
    public void exchange(Call call, Reply reply) {
    }

    /** Forgets hosts that notified nothing for a day and hold no NLM lock under their name. */
    void retireIdle(long nowNanos) {
        Set<String> holding = new HashSet<>();
        for (Owner o : view.holdingOwners()) {
            ViewState.Holder who = view.holders.get(o);
            if (who != null && who.clientId() != null) {
                holding.add(who.clientId());
            }
        }
        lastState.entrySet().removeIf(e -> nowNanos - e.getValue().timeNanos() > REMEMBER_NANOS
                && !holding.contains(e.getKey()));
    }

    /** Hosts whose state number is kept, for {@link LockView#liveState()}. */
    int tracked() {
        return lastState.size();
    }
}
