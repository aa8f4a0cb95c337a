package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nfslockscope.net.Endpoint;

/**
 * The compact UDP call table against the insertion-ordered map of keys and holders it replaces:
 * endpoints compared by value with their ports, the same calls found, replies counted, and the
 * same calls left, in the same order, under the size bound. An unanswered call is the very
 * instance added; an answered one is kept compactly and comes back equal to it.
 */
class UdpCallsTest {
    private record Key(Endpoint caller, Endpoint callee, int xid) {
    }

    private static final class Model {
        final CallInfo info;
        final int argsHash;
        long replyFrame;

        Model(CallInfo info, int argsHash) {
            this.info = info;
            this.argsHash = argsHash;
        }
    }

    private static Endpoint endpoint(Random rnd) {
        // A fresh instance each time: the table must compare by value.
        return new Endpoint(new byte[] {10, 0, 0, (byte) rnd.nextInt(3)}, 700 + rnd.nextInt(3));
    }

    @Test
    void behavesLikeTheInsertionOrderedMapOfCalls() {
        UdpCalls t = new UdpCalls(new CallShapes());
        LinkedHashMap<Key, Model> model = new LinkedHashMap<>();
        Random rnd = new Random(23);
        int max = 300;
        Credential cred = new Credential.None();
        for (long frame = 1; frame <= 50_000; frame++) {
            Endpoint caller = endpoint(rnd);
            Endpoint callee = endpoint(rnd);
            int xid = rnd.nextInt(100) * 0x10001;
            Key k = new Key(caller, callee, xid);
            int e = t.find(-1, caller, callee, xid);
            Model m = model.get(k);
            assertEquals(m != null, e >= 0);
            if (m != null) {
                assertKept(m, t.info(e));
                assertTrue(t.sameProcedure(e, m.info.call()));
                assertEquals(m.info.timeNanos(), t.timeNanos(e));
                assertEquals(m.argsHash, t.argsHash(e));
                assertEquals(m.replyFrame > 0, t.answered(e));
                assertEquals(m.replyFrame, t.replyFrame(e));
                assertEquals(m.replyFrame * 7, t.outcome(e));
                if (rnd.nextBoolean()) {
                    t.answer(e, frame, frame * 7);
                    m.replyFrame = frame;
                    continue;
                }
                t.remove(e);
                model.remove(k);
            }
            CallInfo info = new CallInfo(frame, frame, new RpcCall(xid, 2, 100021, 4, 2, cred, 0, 40));
            int h = rnd.nextInt();
            t.add(-1, caller, callee, info, h);
            model.put(k, new Model(info, h));
            while (t.size() > max) {
                Iterator<Map.Entry<Key, Model>> it = model.entrySet().iterator();
                Model oldest = it.next().getValue();
                int o = t.oldest();
                assertKept(oldest, t.info(o));
                assertEquals(oldest.replyFrame > 0, t.answered(o));
                it.remove();
                t.remove(o);
            }
            assertEquals(model.size(), t.size());
        }
        List<CallInfo> order = new ArrayList<>();
        for (int e = t.oldest(); e >= 0; e = t.newer(e)) {
            order.add(t.info(e));
        }
        assertEquals(model.values().stream().map(m -> m.info).toList(), order);
        assertTrue(order.size() > max / 2);
        t.clear();
        assertEquals(0, t.size());
    }

    private static void assertKept(Model m, CallInfo kept) {
        if (m.replyFrame == 0) {
            assertSame(m.info, kept);
        } else {
            assertEquals(m.info, kept);
        }
    }
}
