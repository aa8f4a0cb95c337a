package org.nfslockscope.rpc;

import org.nfslockscope.net.Endpoint;

/**
 * The UDP calls waiting for, or recently given, a reply, keyed by (scope, caller, callee, xid) with
 * the endpoints compared by value, ports included. Up to a hundred thousand calls are kept, so the
 * key and bookkeeping live in a {@link RecentKeys} table, in the key's entry, rather than as a key
 * and a holder object per call; insertion order is the order the age and size limits evict in.
 * As in a connection's table ({@link ConnectionCalls}), an answered call keeps only its frame,
 * time and a shared {@link CallShapes.Shape}, and its {@code CallInfo} is rebuilt on demand: a
 * call is kept for a hundred thousand calls after its reply, long enough to be promoted, and
 * holding its objects (with what the listener attached to them) made a 1 GB NLM capture fill the
 * heap with dead calls and peak at 340 MB.
 */
final class UdpCalls implements CallTable {
    /**
     * Per entry: the call (its one object: CallInfo while unanswered, Shape once answered), the
     * argument hash (its tag), and as its longs the call's frame and time, the frame of the reply
     * a duplicate is compared with (0 while unanswered; frames count from 1) and that reply's
     * {@link ReplyOutcome}.
     */
    private final RecentKeys keys = new RecentKeys(true, false, false, 4, 1);
    private static final int CALL = 0;
    private static final int FRAME = 0;
    private static final int TIME = 1;
    private static final int REPLY = 2;
    private static final int OUTCOME = 3;
    private final CallShapes shapes;

    UdpCalls(CallShapes shapes) {
        this.shapes = shapes;
    }

    int size() {
        return keys.size();
    }

    /** The entry of the call {@code caller} sent to {@code callee} with {@code xid}, or -1. */
    int find(long scope, Endpoint caller, Endpoint callee, int xid) {
        return keys.find(scope, xid, caller, callee);
    }

    /** The call as first seen: the kept instance while unanswered, an equal one rebuilt after. */
    @Override
    public CallInfo info(int e) {
        Object c = keys.object(e, CALL);
        if (c instanceof CallInfo i) {
            return i;
        }
        return CallShapes.info((CallShapes.Shape) c, keys.value(e, FRAME), keys.value(e, TIME), (int) keys.k2(e));
    }

    long timeNanos(int e) {
        return keys.value(e, TIME);
    }

    /** Whether entry {@code e} holds a call of this program, version and procedure. */
    boolean sameProcedure(int e, RpcCall call) {
        return CallShapes.sameProcedure(keys.object(e, CALL), call);
    }

    int argsHash(int e) {
        return keys.tag(e);
    }

    @Override
    public boolean answered(int e) {
        return keys.value(e, REPLY) != 0;
    }

    @Override
    public long replyFrame(int e) {
        return keys.value(e, REPLY);
    }

    @Override
    public long outcome(int e) {
        return keys.value(e, OUTCOME);
    }

    /** The first reply also makes the table keep the call in its compact form from then on. */
    @Override
    public void answer(int e, long replyFrame, long outcome) {
        if (keys.object(e, CALL) instanceof CallInfo i) {
            keys.object(e, CALL, shapes.intern(i.call()));
        }
        keys.value(e, REPLY, replyFrame);
        keys.value(e, OUTCOME, outcome);
    }

    /** Adds a call as the newest entry; the caller removes any earlier one under its key. */
    void add(long scope, Endpoint caller, Endpoint callee, CallInfo info, int argsHash) {
        int e = keys.add(scope, info.call().xid(), caller, callee);
        keys.object(e, CALL, info);
        keys.value(e, FRAME, info.frame());
        keys.value(e, TIME, info.timeNanos());
        keys.tag(e, argsHash);
        keys.value(e, REPLY, 0);
        keys.value(e, OUTCOME, 0);
    }

    /** The oldest entry, or -1 when empty. */
    int oldest() {
        return keys.oldest();
    }

    /** The entry after {@code e} in insertion order, or -1. */
    int newer(int e) {
        return keys.newer(e);
    }

    void remove(int e) {
        keys.remove(e);
    }

    void clear() {
        while (keys.size() > 0) {
            remove(keys.oldest());
        }
    }
}
