package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.rpc.CallInfo;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.RpcCall;

/** Requests kept with their call's record: found by their owner only, bounded oldest first, let go when done. */
class RequestTest {
    private static CallInfo info(int xid) {
        return new CallInfo(xid, xid, new RpcCall(xid, 2, 100003, 4, 1, new Credential.None(), 0, 40));
    }

    private static Call call(int xid) {
        return new Call(new Msg(xid, xid, null, null, 0, xid), 100003, 4, 1, null);
    }

    @Test
    void onlyTheOwnerFindsItsRequest() {
        Object view = new Object();
        CallInfo info = info(1);
        Request r = Request.attach(view, info);
        assertSame(r, Request.of(view, info));
        assertNull(Request.of(new Object(), info));
        assertNull(Request.of(view, info(1)), "an equal record rebuilt by the RPC stage carries nothing");
    }

    @Test
    void pendingCallsAreBoundedOldestFirstAndLetGoWhenTaken() {
        Object view = new Object();
        Request.Pending pending = new Request.Pending(3);
        List<Request> requests = new ArrayList<>();
        List<CallInfo> infos = new ArrayList<>();
        for (int xid = 1; xid <= 5; xid++) {
            CallInfo info = info(xid);
            Request r = Request.attach(view, info);
            pending.add(r, call(xid));
            requests.add(r);
            infos.add(info);
        }
        assertEquals(3, pending.size());
        // The two oldest went when the third and fourth were over the limit, and left their records.
        assertNull(pending.take(requests.get(0)));
        assertNull(pending.take(requests.get(1)));
        assertNull(infos.get(0).attachment());
        assertNull(infos.get(1).attachment());
        // A call in the middle is taken once; its record is let go.
        assertEquals(4, pending.take(requests.get(3)).msg().xid());
        assertNull(pending.take(requests.get(3)));
        assertNull(infos.get(3).attachment());
        assertEquals(2, pending.size());
        // The list stays linked around the one taken: the next over the limit drops xid 3, then 5.
        for (int xid = 6; xid <= 7; xid++) {
            Request r = Request.attach(view, info(xid));
            pending.add(r, call(xid));
            requests.add(r);
        }
        assertEquals(3, pending.size());
        assertNull(pending.take(requests.get(2)));
        assertEquals(5, pending.take(requests.get(4)).msg().xid());
        assertEquals(6, pending.take(requests.get(5)).msg().xid());
        assertEquals(7, pending.take(requests.get(6)).msg().xid());
        assertEquals(0, pending.size());
    }

    @Test
    void aRequestTheRpcRulesStillWaitOnStaysWithItsCall() {
        Object view = new Object();
        CallInfo info = info(9);
        Request r = Request.attach(view, info);
        Request.Pending pending = new Request.Pending(8);
        pending.add(r, call(9));
        r.outstanding = new RpcRules.Outstanding(r, null, 100003, 4, 1, 0, false);
        pending.take(r);
        assertSame(r, Request.of(view, info));
        r.outstanding = null;
        r.release();
        assertNull(info.attachment());
    }
}
