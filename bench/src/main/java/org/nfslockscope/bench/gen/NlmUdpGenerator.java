package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * NLM version 4 over UDP: clients TEST, LOCK and UNLOCK byte ranges (RFC 1813 Appendix II,
 * X/Open XNFS). Every tenth LOCK is denied, and so is one that conflicts with a lock another
 * client holds (clients share four files); a granted lock is released by the client's next call.
 */
final class NlmUdpGenerator implements CaptureKind.Generator {
    static final int CLIENTS = 32;
    private static final int NLM_TEST = 1;
    private static final int NLM_LOCK = 2;
    private static final int NLM_UNLOCK = 4;
    private static final int GRANTED = 0;
    private static final int DENIED = 1;

    private static final class Client {
        int ip;
        int port;
        String name;
        int file;
        byte[] fh;
        byte[] owner;
        int xid;
        int svid;
        long offset;
        boolean holding;
        boolean waiting;
        int proc;
        boolean denied;
    }

    private final Xdr x = new Xdr();
    private long locks;
    /** Who holds each lock the server granted, by {@link #range}: ranges are equal or disjoint. */
    private final Map<Long, Client> held = new HashMap<>();

    @Override
    public void generate(Wire wire, Random random, CaptureKind.Budget budget) throws IOException {
        Client[] clients = new Client[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            Client c = new Client();
            c.ip = Addresses.client(200 + i);
            c.port = 40000 + i;
            c.name = "nlmclient" + i;
            c.file = i % 4;
            c.fh = Addresses.handle(Addresses.key(Addresses.FILE, 0, c.file), 32);
            c.xid = random.nextInt();
            c.svid = 1000 + i;
            c.owner = (c.svid + "@" + c.name).getBytes(StandardCharsets.US_ASCII);
            clients[i] = c;
        }
        while (!budget.spent()) {
            Client c = clients[random.nextInt(CLIENTS)];
            wire.advance(random.nextInt(40));
            if (c.waiting) {
                reply(wire, c);
            } else {
                call(wire, c, random);
            }
        }
        for (Client c : clients) {
            if (c.waiting) {
                reply(wire, c);
            }
        }
    }

    private void call(Wire wire, Client c, Random random) throws IOException {
        c.xid++;
        if (c.holding) {
            c.proc = NLM_UNLOCK;
        } else {
            c.proc = random.nextInt(4) == 0 ? NLM_TEST : NLM_LOCK;
            c.offset = (long) random.nextInt(1 << 16) * 1024;
        }
        Rpc.call(x, c.xid, Rpc.NLM, 4, c.proc, c.name, 1000);
        x.opaque(cookie(c.xid));
        if (c.proc == NLM_LOCK) {
            x.bool(false).bool(true); // block, exclusive
        } else if (c.proc == NLM_TEST) {
            x.bool(true);
        }
        x.string(c.name).opaque(c.fh).opaque(c.owner).u32(c.svid).u64(c.offset).u64(1024);
        if (c.proc == NLM_LOCK) {
            x.bool(false).u32(3); // reclaim, NSM state
            c.denied = ++locks % 10 == 0 || held.containsKey(range(c));
        }
        wire.udp(c.ip, c.port, Addresses.SERVER, Addresses.NLM_PORT, x.array(), Xdr.MARK, x.length() - Xdr.MARK);
        c.waiting = true;
    }

    private void reply(Wire wire, Client c) throws IOException {
        Rpc.acceptedReply(x, c.xid).opaque(cookie(c.xid));
        switch (c.proc) {
            case NLM_LOCK -> {
                // A lock another client was granted since the call conflicts as well.
                c.denied |= held.containsKey(range(c));
                x.u32(c.denied ? DENIED : GRANTED);
                c.holding = !c.denied;
                if (c.holding) {
                    held.put(range(c), c);
                }
            }
            case NLM_UNLOCK -> {
                x.u32(GRANTED);
                held.remove(range(c));
                c.holding = false;
            }
            default -> x.u32(GRANTED);
        }
        wire.udp(Addresses.SERVER, Addresses.NLM_PORT, c.ip, c.port, x.array(), Xdr.MARK, x.length() - Xdr.MARK);
        c.waiting = false;
    }

    /** The file and 1 KiB range of the client's current lock. */
    private static long range(Client c) {
        return ((long) c.file << 48) | c.offset;
    }

    private static byte[] cookie(int xid) {
        return new byte[] {(byte) (xid >>> 24), (byte) (xid >>> 16), (byte) (xid >>> 8), (byte) xid};
    }
}
