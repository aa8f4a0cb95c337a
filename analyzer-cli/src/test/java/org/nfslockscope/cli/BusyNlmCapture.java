package org.nfslockscope.cli;

import java.nio.file.Path;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Host;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.UdpFlow;

/**
 * Hours of NLM v4 traffic over UDP from many clients to one server, written with the test
 * builder: every cycle one client locks a file and is granted, sometimes a second client is
 * denied, and later the first one unlocks. Big enough for the timeline's drawing limits to matter.
 */
final class BusyNlmCapture {
    private static final int NLM_PORT = 4045;

    private BusyNlmCapture() {
    }

    /** Writes {@code locks} grant/unlock cycles over {@code files} files; returns the path. */
    static Path write(Path file, int locks, int files, int clients) {
        CaptureBuilder capture = CaptureBuilder.pcap(Link.ethernet());
        Host server = capture.host("10.9.0.1");
        UdpFlow[] flows = new UdpFlow[clients];
        for (int c = 0; c < clients; c++) {
            flows[c] = capture.udp(capture.host("10.9.1." + (c + 1)), 800 + c, server, NLM_PORT);
        }
        long step = 3_600L * 1_000_000_000L / locks;
        int xid = 1;
        for (int i = 0; i < locks; i++) {
            int c = i % clients;
            int f = (i * 7) % files;
            NlmLock lock = lock(c, f, 100 + c);
            xid = exchange(flows[c], xid, 2, lockArgs(lock, i, false), 0);
            if (i % 5 == 0) {
                int other = (c + 1) % clients;
                xid = exchange(flows[other], xid, 2, lockArgs(lock(other, f, 100 + other), i, false), 1);
            }
            capture.step(step / 2);
            xid = exchange(flows[c], xid, 4, new NlmXdr().opaque(cookie(i)).lock(true, lock).bytes(), 0);
            capture.step(step / 2);
        }
        return capture.write(file);
    }

    /**
     * {@code n} cycles in which two clients are both granted the same lock and then release it:
     * one double grant (X-DOUBLE-GRANT) per cycle, over {@code files} files.
     */
    static Path writeDoubleGrants(Path file, int n, int files) {
        CaptureBuilder capture = CaptureBuilder.pcap(Link.ethernet());
        Host server = capture.host("10.9.0.1");
        UdpFlow a = capture.udp(capture.host("10.9.1.1"), 800, server, NLM_PORT);
        UdpFlow b = capture.udp(capture.host("10.9.1.2"), 801, server, NLM_PORT);
        int xid = 1;
        for (int i = 0; i < n; i++) {
            int f = i % files;
            NlmLock first = lock(0, f, 100);
            NlmLock second = lock(1, f, 101);
            xid = exchange(a, xid, 2, lockArgs(first, 2 * i, false), 0);
            xid = exchange(b, xid, 2, lockArgs(second, 2 * i + 1, false), 0);
            capture.step(1_000_000L);
            xid = exchange(a, xid, 4, new NlmXdr().opaque(cookie(2 * i)).lock(true, first).bytes(), 0);
            xid = exchange(b, xid, 4, new NlmXdr().opaque(cookie(2 * i + 1)).lock(true, second).bytes(), 0);
            capture.step(1_000_000L);
        }
        return capture.write(file);
    }

    private static NlmLock lock(int client, int file, int svid) {
        return new NlmLock("10.9.1." + (client + 1), String.format("0100a1b2%08x", file),
                "6f776e6572" + Integer.toHexString(svid), svid, 0, 100);
    }

    private static byte[] cookie(int i) {
        return new byte[] {(byte) (i >> 24), (byte) (i >> 16), (byte) (i >> 8), (byte) i};
    }

    private static byte[] lockArgs(NlmLock l, int i, boolean block) {
        return new NlmXdr().opaque(cookie(i)).bool(block).bool(true).lock(true, l).bool(false).u32(3).bytes();
    }

    /** One call and its reply (stat {@code stat}); returns the next xid. */
    private static int exchange(UdpFlow flow, int xid, int proc, byte[] args, int stat) {
        Message m = flow.send(Rpc.call(xid, Programs.NLM, 4, proc).authSys("h", 0, 0).body(args));
        flow.reply(Rpc.reply(m.xid()).body(new NlmXdr().opaque(new byte[4]).u32(stat).bytes()));
        return xid + 1;
    }
}
