package org.nfslockscope.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.RpcEvent;

/**
 * RPC-GSS-PRIVACY (notes §3.0.2): requests under RPCSEC_GSS privacy (krb5p) carry encrypted
 * arguments and results, so what they did to owners, slots, stateids and locks is unknown.
 * One finding per client and server at the end, with how many requests were opaque; while the
 * capture runs, each opaque request is passed on so that rules waiting for a request the
 * capture may not show can stay quiet. Context setup (INIT, DESTROY) is no file operation.
 */
final class GssPrivacyRule {
    private static final int MAX_PAIRS = 1 << 14;

    /** Opaque requests of one client host to one server. */
    private static final class Opaque {
        final String client;
        final String server;
        final long firstFrame;
        final long firstNanos;
        long lastFrame;
        long count;

        Opaque(String client, String server, long frame, long nanos) {
            this.client = client;
            this.server = server;
            this.firstFrame = frame;
            this.firstNanos = nanos;
        }
    }

    /** Told of each opaque request: its client host and time. */
    interface Blind {
        void opaque(String host, long timeNanos);
    }

    private final ViewState view;
    private final Blind blind;
    private final Map<String, Opaque> pairs = new LinkedHashMap<>();

    GssPrivacyRule(ViewState view, Blind blind) {
        this.view = view;
        this.blind = blind;
    }

    /** A first transmission of a call. */
    void call(RpcEvent e) {
        if (e.call() == null || !(e.call().call().credential() instanceof Credential.Gss gss)
                || gss.gssProc() != Credential.Gss.PROC_DATA || gss.service() != Credential.Gss.SERVICE_PRIVACY) {
            return;
        }
        String host = Texts.host(e.src());
        Opaque o = pairs.get(host + ">" + e.dst());
        if (o == null) {
            o = new Opaque(Texts.text(e.src()), Texts.text(e.dst()), e.frame(), e.timeNanos());
            pairs.put(host + ">" + e.dst(), o);
            Bounded.trim(pairs, MAX_PAIRS);
        }
        o.lastFrame = e.frame();
        o.count++;
        blind.opaque(host, e.timeNanos());
    }

    void finish() {
        for (Opaque o : pairs.values()) {
            view.report(view.finding(FindingType.RPC_GSS_PRIVACY, o.firstFrame, o.firstNanos, o.count
                    + " request(s) from " + o.client + " to " + o.server + " (frames " + o.firstFrame + " to "
                    + o.lastFrame + ") are encrypted (RPCSEC_GSS privacy, krb5p): what they did to opens, locks,"
                    + " owners and slots is unknown, so rules about this client's state are judged on the rest")
                    .evidence(o.lastFrame).client(o.client).server(o.server).build());
        }
    }
}
