package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compact per-connection call table against the insertion-ordered map it replaces: the same
 * calls found, the same ones answered, the same eviction order, and equal call details after a
 * call has been answered and stored compactly.
 */
class ConnectionCallsTest {
    private record Key(int side, int xid) {
    }

    private record Model(CallInfo info, int argsHash, boolean answered, long serial, long replyFrame) {
    }

    private static CallInfo call(int xid, long frame, int procedure) {
        Credential cred = new Credential.Sys(1, "client", 0, 0, new long[] {0});
        return new CallInfo(frame, frame * 1000, new RpcCall(xid, 2, 100003, 4, procedure, cred, 0, 40 + procedure));
    }

    @Test
    void behavesLikeAnInsertionOrderedMapUnderAddsAnswersRemovalsAndEviction() {
        check(300, 900, 5);
    }

    /** The same past several pages of the table's entry pool. */
    @Test
    void behavesLikeAnInsertionOrderedMapWhenLarge() {
        check(3 * RecentKeys.PAGE + 100, 5000, 6);
    }

    private static void check(int max, int xids, long seed) {
        ConnectionCalls t = new ConnectionCalls(new CallShapes());
        LinkedHashMap<Key, Model> model = new LinkedHashMap<>();
        Random rnd = new Random(seed);
        for (long frame = 1; frame <= 50_000; frame++) {
            // Few distinct xids, so that keys repeat, collide and get replaced often.
            int side = rnd.nextInt(2);
            int xid = rnd.nextInt(xids) * 0x10001;
            Key k = new Key(side, xid);
            int e = t.find(side, xid);
            Model m = model.get(k);
            assertEquals(m != null, e >= 0);
            if (m != null) {
                assertEquals(m.info(), t.info(e));
                assertEquals(m.answered(), t.answered(e));
                assertEquals(m.argsHash(), t.argsHash(e));
                assertEquals(m.serial(), t.serial(e));
                assertEquals(m.replyFrame(), t.replyFrame(e));
                assertEquals(m.replyFrame() * 7, t.outcome(e));
                assertTrue(t.sameProcedure(e, m.info().call()));
            }
            if (rnd.nextBoolean() && e >= 0) {
                t.answer(e, frame, frame * 7);
                model.put(k, new Model(m.info(), m.argsHash(), true, m.serial(), frame));
                continue;
            }
            if (e >= 0) {
                t.remove(e);
                model.remove(k);
            }
            CallInfo info = call(xid, frame, rnd.nextInt(3));
            int h = rnd.nextInt();
            t.add(side, info, h, frame);
            model.put(k, new Model(info, h, false, frame, 0));
            while (t.size() > max) {
                Iterator<Map.Entry<Key, Model>> it = model.entrySet().iterator();
                Map.Entry<Key, Model> oldest = it.next();
                int o = t.oldest();
                assertEquals(oldest.getValue().info(), t.info(o));
                assertEquals(oldest.getValue().answered(), t.answered(o));
                it.remove();
                t.remove(o);
            }
            assertEquals(model.size(), t.size());
        }
        long unanswered = model.values().stream().filter(m -> !m.answered()).count();
        assertEquals(unanswered, t.unanswered());
        List<Key> left = new ArrayList<>(model.keySet());
        assertTrue(left.size() > max / 2);
        for (Key k : left) {
            assertTrue(t.find(k.side(), k.xid()) >= 0);
        }
    }
}
