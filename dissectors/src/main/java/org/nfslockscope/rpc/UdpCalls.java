package org.nfslockscope.rpc;

import org.nfslockscope.net.Endpoint;

/**
 * The UDP calls waiting for, or recently given, a reply, keyed by (scope, caller, callee, xid) with
 * the endpoints compared by value, ports included. Up to a hundred thousand calls are kept, so the
 * key and bookkeeping live in a {@link RecentKeys} table, in the key's entry, rather than as a key
 * and a holder object per call; insertion order is the order the age and size limits evict in.
 */
final class UdpCalls implements CallTable {
    /**
     * Per entry: the call (its one object), the argument hash (its tag), and as its longs the
     * frame of the reply a duplicate is compared with (0 while unanswered; frames count from 1)
     * and that reply's {@link ReplyOutcome}.
     */
    private final RecentKeys keys = new RecentKeys(true, false, false, 2, 1);
    private static final int INFO = 0;
    private static final int REPLY = 0;
    private static final int OUTCOME = 1;

    int size() {
        return keys.size();
    }

    /** The entry of the call {@code caller} sent to {@code callee} with {@code xid}, or -1. */
    int find(long scope, Endpoint caller, Endpoint callee, int xid) {
        return keys.find(scope, xid, caller, callee);
    }

    @Override
    public CallInfo info(int e) {
        return (CallInfo) keys.object(e, INFO);
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

    @Override
    public void answer(int e, long replyFrame, long outcome) {
        keys.value(e, REPLY, replyFrame);
        keys.value(e, OUTCOME, outcome);
    }

    /** Adds a call as the newest entry; the caller removes any earlier one under its key. */
    void add(long scope, Endpoint caller, Endpoint callee, CallInfo info, int argsHash) {
        int e = keys.add(scope, info.call().xid(), caller, callee);
        keys.object(e, INFO, info);
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
