package org.nfslockscope.rpc;

/**
 * The calls of one TCP connection, kept for pairing replies and recognising retransmissions. A
 * connection keeps thousands of calls, most of them long answered, so they live in a
 * {@link RecentKeys} table keyed by (caller side, xid), what is kept of each call in the key's
 * entry; its insertion order is the order the size limit evicts in. An unanswered call
 * keeps its {@link CallInfo}, which its reply hands on; once answered, only what a duplicate reply
 * or a later retransmission needs is kept (frame, time, and the header fields as a shared
 * {@link CallShapes.Shape}), and their {@code CallInfo} is rebuilt, equal to the original, on demand.
 */
final class ConnectionCalls implements CallTable {
    private static final int NONE = RecentKeys.NONE;
    /**
     * The entry's own longs; the argument hash is its tag, the call its one object. REPLY is the
     * frame of the reply the next duplicate is compared with, 0 while unanswered (frames count
     * from 1), OUTCOME that reply's {@link ReplyOutcome}.
     */
    private static final int FRAME = 0;
    private static final int TIME = 1;
    private static final int SERIAL = 2;
    private static final int REPLY = 3;
    private static final int OUTCOME = 4;
    private static final int CALL = 0;

    private final CallShapes shapes;
    /**
     * Keys: (caller side, xid), both ints, so one word, placed in xid order while that holds (a
     * client counts its xids up on each connection). Frame, time, serial, the reply's frame and
     * outcome, argument hash and the call (CallInfo while unanswered, Shape once answered) sit in
     * the key's entry, so that
     * pairing a reply reads one entry rather than one array per field, and a growing connection
     * drops no large arrays.
     */
    private RecentKeys keys = new RecentKeys(false, true, true, 5, 1);

    ConnectionCalls(CallShapes shapes) {
        this.shapes = shapes;
    }

    int size() {
        return keys.size();
    }

    /** Index slots examined by lookups and inserts: the table's work, for the linear-time tests. */
    long probes() {
        return keys.probes();
    }

    /** Whether the table still places calls in xid order (for tests). */
    boolean keysOrdered() {
        return keys.ordered();
    }

    /** The entry of the call {@code side} sent with {@code xid}, or -1. */
    int find(int side, int xid) {
        return keys.find(side, xid);
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

    long serial(int e) {
        return keys.value(e, SERIAL);
    }

    int argsHash(int e) {
        return keys.tag(e);
    }

    /** Whether entry {@code e} holds a call of this program, version and procedure. */
    boolean sameProcedure(int e, RpcCall call) {
        return CallShapes.sameProcedure(keys.object(e, CALL), call);
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

    /** The first reply also makes the table keep the call in its compact form from then on. */
    @Override
    public void answer(int e, long replyFrame, long outcome) {
        if (keys.object(e, CALL) instanceof CallInfo i) {
            keys.object(e, CALL, shapes.intern(i.call()));
        }
        keys.value(e, REPLY, replyFrame);
        keys.value(e, OUTCOME, outcome);
    }

    /**
     * Adds a call; the caller removes any earlier one under the same key first. The serial ties
     * it to its entry in the cross-connection table, which its reply removes.
     */
    void add(int side, CallInfo info, int argsHash, long serial) {
        int e = keys.add(side, info.call().xid());
        keys.value(e, FRAME, info.frame());
        keys.value(e, TIME, info.timeNanos());
        keys.value(e, SERIAL, serial);
        keys.value(e, REPLY, 0);
        keys.value(e, OUTCOME, 0);
        keys.tag(e, argsHash);
        keys.object(e, CALL, info);
    }

    /** The oldest entry, or -1 when empty. */
    int oldest() {
        return keys.oldest();
    }

    /** The entry after {@code e} in call order, or -1. */
    int newer(int e) {
        return keys.newer(e);
    }

    /** The side that sent the call of entry {@code e}. */
    int side(int e) {
        return (int) keys.k1(e);
    }

    void remove(int e) {
        keys.remove(e);
    }

    /** Entries the table's arrays were grown for: at least {@link #size()}, often far more after a trim. */
    int capacity() {
        return keys.capacity();
    }

    /** Gives back the memory of a table that holds far fewer calls than it once did; entry numbers change. */
    void compact() {
        keys = keys.compacted();
    }

    /** Number of calls still waiting for a reply. */
    int unanswered() {
        int n = 0;
        for (int e = keys.oldest(); e != NONE; e = keys.newer(e)) {
            if (!answered(e)) {
                n++;
            }
        }
        return n;
    }
}
