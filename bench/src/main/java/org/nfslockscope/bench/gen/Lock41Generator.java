package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.util.Random;

/**
 * NFSv4.1 lock traffic over long-lived connections, one client each. A call waits on its
 * connection until the reply while the other connections go on, so calls and replies of
 * different connections interleave as in a busy capture.
 */
final class Lock41Generator implements CaptureKind.Generator {
    static final int CONNECTIONS = 64;

    @Override
    public void generate(Wire wire, Random random, CaptureKind.Budget budget) throws IOException {
        Xdr x = new Xdr();
        long[] locks = {0};
        Lock41Session[] clients = new Lock41Session[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            TcpFlow flow = new TcpFlow(wire, Addresses.client(i + 1), 40000 + i, Addresses.SERVER, Addresses.NFS_PORT, i + 1);
            flow.open();
            clients[i] = new Lock41Session(flow, i + 1, random.nextInt(), locks);
        }
        while (!budget.spent()) {
            Lock41Session c = clients[random.nextInt(CONNECTIONS)];
            wire.advance(random.nextInt(40));
            if (c.waiting()) {
                c.reply(x);
            } else {
                c.call(x, random);
            }
        }
        for (Lock41Session c : clients) {
            if (c.waiting()) {
                c.reply(x);
            }
            c.flow().close();
        }
    }
}
