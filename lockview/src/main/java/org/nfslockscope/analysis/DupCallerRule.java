package org.nfslockscope.analysis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nfslockscope.findings.FindingType;

/**
 * NLM-DUP-CALLER (notes §3.7, under NSM-REBOOT-LOCKS-DROPPED): one caller_name used by two hosts
 * at once. The server keys NLM hosts and NSM monitoring by that name, so one host's SM_NOTIFY wipes
 * the other's locks. Proof is interleaving: requests under the name come from address A, then B,
 * then A again. A host that moves to a new address once (DHCP, a reboot elsewhere) never goes
 * back, and an SM_NOTIFY or FREE_ALL for the name starts its history afresh, so a host that
 * rebooted onto its old address is not taken for a twin. Only client-to-server requests count:
 * GRANTED callbacks carry the server's own name (notes §1.10.2).
 */
final class DupCallerRule {
    private static final int MAX_NAMES = 1 << 16;
    /** A name unused this long is forgotten: its host went away, or a twin would have shown by then. */
    static final long IDLE_NANOS = 10 * 60 * Settings.SECOND;

    /** Where one caller_name was last used from, on one server. */
    private static final class Use {
        String host;
        long frame;
        long lastNanos;
        /** The address used before the last change, and its last frame then. */
        String previousHost;
        long previousFrame;
        long switchFrame;
        boolean reported;
    }

    private final ViewState view;
    private final Map<Key, Use> uses = new LinkedHashMap<>();

    /** A caller name as one server sees it (kept apart rather than joined into a text per request). */
    private record Key(String server, String callerName) {
    }

    DupCallerRule(ViewState view) {
        this.view = view;
    }

    private static Key key(String server, String callerName) {
        return new Key(server, callerName);
    }

    /** A request from {@code c}'s source naming itself {@code callerName}. */
    void request(Call c, String callerName) {
        if (callerName == null || callerName.isEmpty()) {
            return;
        }
        String server = Texts.host(c.msg().dst());
        String from = Texts.host(c.msg().src());
        Key key = key(server, callerName);
        Use u = uses.remove(key);
        if (u == null) {
            u = new Use();
            u.host = from;
        } else if (!u.host.equals(from)) {
            if (from.equals(u.previousHost) && !u.reported) {
                u.reported = true;
                view.report(view.finding(FindingType.NLM_DUP_CALLER, c.frame(), c.timeNanos(),
                        "hosts " + from + " and " + u.host + " both send NLM requests as '" + callerName + "' to "
                                + server + " (" + from + " in frames " + u.previousFrame + " and " + c.frame() + ", "
                                + u.host + " in frame " + u.switchFrame + " between): the server takes them for one"
                                + " host, so a reboot notice from either drops the locks of both")
                        .evidence(u.previousFrame, u.switchFrame).clientId(callerName)
                        .client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).build());
            }
            u.previousHost = u.host;
            u.previousFrame = u.frame;
            u.switchFrame = c.frame();
            u.host = from;
        }
        u.frame = c.frame();
        u.lastNanos = c.timeNanos();
        uses.put(key, u); // re-inserted, so the least recently used names are trimmed first
        Bounded.trim(uses, MAX_NAMES);
    }

    /** SM_NOTIFY or FREE_ALL for the name: the host rebooted, and may come back from another address. */
    void rebooted(String server, String callerName) {
        Use u = uses.get(key(server, callerName));
        if (u != null) {
            u.previousHost = null;
        }
    }

    /** Forgets names not used since {@link #IDLE_NANOS}; the least recently used come first. */
    void retireIdle(long nowNanos) {
        Iterator<Use> it = uses.values().iterator();
        while (it.hasNext() && nowNanos - it.next().lastNanos > IDLE_NANOS) {
            it.remove();
        }
    }

    int tracked() {
        return uses.size();
    }
}
