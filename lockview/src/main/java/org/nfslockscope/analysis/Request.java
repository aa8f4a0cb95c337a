package org.nfslockscope.analysis;

import org.nfslockscope.rpc.CallInfo;

/**
 * What the lock view keeps of one request from its first transmission until its reply, attached
 * to the RPC stage's record of the call ({@link CallInfo#attach}). The stage hands that record
 * with the reply and with every retransmission, so both find the request there: tables keyed by
 * (frame, XID) cost a key, an entry and a lookup per call and per reply, on every message of a
 * capture. A request leaves its call once neither part waits for the reply any more.
 */
final class Request {
    /** The view that attached it: a record carries one view's request, and no other reads it. */
    private final Object owner;
    private final CallInfo info;
    /** The call a protocol tracker pairs with the reply; null when paired, dropped or not followed. */
    Call call;
    /** What the RPC rules wait for; null when answered, reported, forgotten or not followed. */
    RpcRules.Outstanding outstanding;
    /** Requests with a {@link #call}, oldest first: see {@link Pending}. */
    private Request older;
    private Request newer;

    private Request(Object owner, CallInfo info) {
        this.owner = owner;
        this.info = info;
    }

    /** A new request for a call's first transmission. */
    static Request attach(Object owner, CallInfo info) {
        Request r = new Request(owner, info);
        info.attach(r);
        return r;
    }

    /** The request {@code owner} attached to the call, or null. */
    static Request of(Object owner, CallInfo info) {
        return info.attachment() instanceof Request r && r.owner == owner ? r : null;
    }

    /** Called when a part stops waiting: the last one takes the request off its call. */
    void release() {
        if (call == null && outstanding == null && info.attachment() == this) {
            info.attach(null);
        }
    }

    /**
     * The requests whose call waits for its reply, oldest first, at most {@code limit}: past that
     * the oldest call is forgotten (its reply then goes unpaired), so that a capture whose replies
     * are missing cannot fill the heap.
     */
    static final class Pending {
        private final int limit;
        private Request oldest;
        private Request newest;
        private int size;

        Pending(int limit) {
            this.limit = limit;
        }

        int size() {
            return size;
        }

        void add(Request r, Call c) {
            r.call = c;
            r.older = newest;
            if (newest != null) {
                newest.newer = r;
            } else {
                oldest = r;
            }
            newest = r;
            if (++size > limit) {
                take(oldest);
            }
        }

        /** Takes the request's call out, or returns null when it has none (answered or forgotten). */
        Call take(Request r) {
            Call c = r.call;
            if (c == null) {
                return null;
            }
            Request o = r.older;
            Request n = r.newer;
            if (o != null) {
                o.newer = n;
            } else {
                oldest = n;
            }
            if (n != null) {
                n.older = o;
            } else {
                newest = o;
            }
            r.older = null;
            r.newer = null;
            r.call = null;
            size--;
            r.release();
            return c;
        }
    }
}
