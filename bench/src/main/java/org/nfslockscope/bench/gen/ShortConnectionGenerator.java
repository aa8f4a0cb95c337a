package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.util.Random;

/**
 * Many short connections, a few open at a time: each one opens, carries one to three LOCK
 * compounds, and closes. Stresses connection setup and teardown rather than record decoding.
 * Each client keeps its session (slot sequence, XIDs, lock stateid) from one connection to its
 * next, as an NFSv4.1 client does.
 */
final class ShortConnectionGenerator implements CaptureKind.Generator {
    private static final int CLIENTS = 1000;

    @Override
    public void generate(Wire wire, Random random, CaptureKind.Budget budget) throws IOException {
        Xdr x = new Xdr();
        long[] locks = {0};
        Lock41Session[] sessions = new Lock41Session[CLIENTS];
        int n = 0;
        while (!budget.spent()) {
            int client = n % CLIENTS + 1;
            // Ports move on with every round through the clients, so no two connections share a 4-tuple.
            int port = 1024 + (n / CLIENTS) % 64000;
            TcpFlow flow = new TcpFlow(wire, Addresses.client(client), port, Addresses.SERVER, Addresses.NFS_PORT, n + 1);
            wire.advance(random.nextInt(200));
            flow.open();
            Lock41Session s = sessions[client - 1];
            if (s == null) {
                s = new Lock41Session(flow, client, random.nextInt(), locks);
                sessions[client - 1] = s;
            } else {
                s.moveTo(flow);
            }
            for (int calls = 1 + random.nextInt(3); calls > 0; calls--) {
                s.call(x, random);
                s.reply(x);
            }
            flow.close();
            n++;
        }
    }
}
