package org.nfslockscope.analysis;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RecentKeys;
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
    static final int MAX_REMEMBERED = 1 << 16;

    private final ViewState view;
    /**
     * The last call per XID space (one sending side of one connection, or one UDP endpoint pair:
     * connection, source, destination) and program and XID, newest last; what was seen of each
     * call sits in the arrays below by entry number.
     */
    private final RecentKeys seen = new RecentKeys(true);
    private long[] frames = new long[0];
    private long[] times = new long[0];
    /**
     * Version (high) and procedure (low) in one long: an entry handed out again is usually the
     * oldest one, out of the processor's caches, so each array it is spread over costs a miss per call.
     */
    private long[] versionProcedures = new long[0];
    private int[] bodyHashes = new int[0];
    private final CRC32C crc = new CRC32C();

    XidReuseRule(ViewState view) {
        this.view = view;
    }

    void onCall(RpcEvent e) {
        if (e.retransmission() || e.call() == null || ((RpcCall) e.message()).credential() instanceof Credential.Gss) {
            return;
        }
        int xid = e.message().xid();
        long programXid = (long) e.program() << 32 | (xid & 0xFFFFFFFFL);
        int entry = seen.find(e.connection(), programXid, e.src(), e.dst());
        boolean had = entry != RecentKeys.NONE;
        long beforeFrame = had ? frames[entry] : 0;
        long beforeTime = had ? times[entry] : 0;
        long beforeVersionProcedure = had ? versionProcedures[entry] : 0;
        int beforeVersion = (int) (beforeVersionProcedure >>> 32);
        int beforeProcedure = (int) beforeVersionProcedure;
        int beforeHash = had ? bodyHashes[entry] : 0;
        if (had) {
            seen.remove(entry); // the call becomes the newest under its key
        }
        // Making room before adding forgets the same calls as trimming after would, and keeps the
        // table at the size the limit needs rather than doubling it for one entry: a smaller table
        // misses the processor's caches less on every call.
        seen.trim(MAX_REMEMBERED - 1);
        int n = seen.add(e.connection(), programXid, e.src(), e.dst());
        grow();
        long nowTime = e.timeNanos();
        int nowHash = hash(e);
        frames[n] = e.frame();
        times[n] = nowTime;
        versionProcedures[n] = (long) e.version() << 32 | (e.procedure() & 0xFFFFFFFFL);
        bodyHashes[n] = nowHash;
        if (!had || nowTime - beforeTime > WINDOW_NANOS) {
            return;
        }
        boolean sameProcedure = beforeVersion == e.version() && beforeProcedure == e.procedure();
        if (sameProcedure && beforeHash == nowHash) {
            return; // equal requests the RPC stage did not pair (its table forgot the first): harmless
        }
        view.report(view.finding(FindingType.RPC_XID_REUSE, e.frame(), e.timeNanos(),
                e.src() + " reused xid 0x" + Integer.toHexString(xid) + " of its call in frame " + beforeFrame
                        + " for a different " + Programs.programName(e.program()) + " request ("
                        + (sameProcedure ? "other arguments" : "another procedure") + ") "
                        + String.format("%.1f", (nowTime - beforeTime) / 1e9)
                        + " s later: the server's duplicate request cache may answer it with the other reply")
                .evidence(beforeFrame).client(Texts.text(e.src())).server(Texts.text(e.dst())).build());
    }

    private void grow() {
        int n = seen.capacity();
        if (frames.length < n) {
            frames = Arrays.copyOf(frames, n);
            times = Arrays.copyOf(times, n);
            versionProcedures = Arrays.copyOf(versionProcedures, n);
            bodyHashes = Arrays.copyOf(bodyHashes, n);
        }
    }

    /** CRC32C of the call's body ({@link RpcEvent#body()}), from the array behind it without a view per call. */
    private int hash(RpcEvent e) {
        crc.reset();
        ByteBuffer record = e.record();
        int at = Math.min(e.message().bodyOffset(), record.remaining());
        if (record.hasArray()) {
            crc.update(record.array(), record.arrayOffset() + record.position() + at, record.remaining() - at);
        } else {
            crc.update(e.body());
        }
        return (int) crc.getValue();
    }
}
