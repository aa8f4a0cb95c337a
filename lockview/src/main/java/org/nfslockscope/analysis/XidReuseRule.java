package org.nfslockscope.analysis;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.net.Endpoint;
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
 */
final class XidReuseRule {
    static final long WINDOW_NANOS = 300 * Settings.SECOND;
    private static final int MAX_REMEMBERED = 1 << 16;

    /** The XID space: one sending side of one connection, or one UDP endpoint pair. */
    private record Key(long connection, Endpoint src, Endpoint dst, int program, int xid) {
    }

    private record Seen(long frame, long timeNanos, int version, int procedure, int bodyHash) {
    }

    private final ViewState view;
    private final Map<Key, Seen> seen = new LinkedHashMap<>();
    private final CRC32C crc = new CRC32C();

    XidReuseRule(ViewState view) {
        this.view = view;
    }

    void onCall(RpcEvent e) {
        if (e.retransmission() || e.call() == null || ((RpcCall) e.message()).credential() instanceof Credential.Gss) {
            return;
        }
        Key key = new Key(e.connection(), e.src(), e.dst(), e.program(), e.message().xid());
        Seen now = new Seen(e.frame(), e.timeNanos(), e.version(), e.procedure(), hash(e.body()));
        Seen before = seen.remove(key);
        seen.put(key, now);
        Bounded.trim(seen, MAX_REMEMBERED);
        if (before == null || now.timeNanos - before.timeNanos > WINDOW_NANOS) {
            return;
        }
        boolean sameProcedure = before.version == now.version && before.procedure == now.procedure;
        if (sameProcedure && before.bodyHash == now.bodyHash) {
            return; // equal requests the RPC stage did not pair (its table forgot the first): harmless
        }
        view.report(view.finding(FindingType.RPC_XID_REUSE, e.frame(), e.timeNanos(),
                e.src() + " reused xid 0x" + Integer.toHexString(key.xid) + " of its call in frame " + before.frame
                        + " for a different " + Programs.programName(e.program()) + " request ("
                        + (sameProcedure ? "other arguments" : "another procedure") + ") "
                        + String.format("%.1f", (now.timeNanos - before.timeNanos) / 1e9)
                        + " s later: the server's duplicate request cache may answer it with the other reply")
                .evidence(before.frame).client(e.src().toString()).server(e.dst().toString()).build());
    }

    private int hash(ByteBuffer body) {
        crc.reset();
        crc.update(body);
        return (int) crc.getValue();
    }
}
