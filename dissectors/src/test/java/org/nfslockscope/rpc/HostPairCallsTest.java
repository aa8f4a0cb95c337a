package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nfslockscope.net.Endpoint;

/**
 * The compact table of calls by host pair against the insertion-ordered map of objects it
 * replaces: hosts compared by address whatever the port, the same calls found, answered calls
 * removed, the same eviction order under the size bound.
 */
class HostPairCallsTest {
    private record Key(String client, String server, int program, int version, int xid) {
    }

    private record Model(CallInfo info, int argsHash, long serial) {
    }

    private static final byte[][] HOSTS = {
        {10, 0, 0, 1}, {10, 0, 0, 2}, {(byte) 192, (byte) 168, 1, 9}, new byte[16],
    };

    private static Endpoint endpoint(Random rnd) {
        // A fresh instance each time, with a port of its own: only the address may count.
        return new Endpoint(HOSTS[rnd.nextInt(HOSTS.length)].clone(), 600 + rnd.nextInt(5));
    }

    @Test
    void behavesLikeTheInsertionOrderedMapByHostPair() {
        HostPairs pairs = new HostPairs();
        HostPairCalls t = new HostPairCalls(pairs);
        LinkedHashMap<Key, Model> model = new LinkedHashMap<>();
        Random rnd = new Random(17);
        int max = 400;
        Credential cred = new Credential.None();
        for (long frame = 1; frame <= 60_000; frame++) {
            Endpoint client = endpoint(rnd);
            Endpoint server = endpoint(rnd);
            int program = rnd.nextBoolean() ? 100003 : 100021;
            int version = rnd.nextInt(2) + 3;
            int xid = rnd.nextInt(200) * 0x10001 - 50;
            Key k = new Key(client.host(), server.host(), program, version, xid);
            int e = t.find(client, server, program, version, xid);
            Model m = model.get(k);
            assertEquals(m != null, e >= 0);
            if (m != null) {
                assertEquals(m.argsHash(), t.argsHash(e));
                assertEquals(m.serial(), t.serial(e));
                assertSame(m.info(), t.call(e));
            }
            if (e >= 0 && rnd.nextInt(3) == 0) {
                t.remove(e); // answered
                model.remove(k);
                continue;
            }
            if (e >= 0) {
                t.remove(e);
                model.remove(k);
            }
            CallInfo info = new CallInfo(frame, frame, new RpcCall(xid, 2, program, version, 1, cred, 0, 40));
            int h = rnd.nextInt();
            // Every entry counts for its pair, which stays known while any does.
            HostPairs.Pair pair = pairs.opened(client, server);
            t.add(client, server, info, h, frame, pair);
            pairs.closed(pair);
            model.put(k, new Model(info, h, frame));
            if (t.size() > max) {
                t.removeOldest();
                Iterator<Map.Entry<Key, Model>> it = model.entrySet().iterator();
                it.next();
                it.remove();
            }
            assertEquals(model.size(), t.size());
        }
        assertTrue(model.size() > max / 2);
        for (Map.Entry<Key, Model> en : model.entrySet()) {
            Key k = en.getKey();
            int e = t.find(Endpoint.parse(k.client(), 1), Endpoint.parse(k.server(), 2), k.program(), k.version(),
                    k.xid());
            assertEquals(en.getValue().serial(), t.serial(e));
        }
        t.clear();
        assertEquals(0, t.size());
        assertEquals(0, pairs.size(), "a pair without connections or filed calls is forgotten");
    }
}
