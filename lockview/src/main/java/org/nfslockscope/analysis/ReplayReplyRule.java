package org.nfslockscope.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nfslockscope.nfs4.Nfs4Result;

/**
 * V40-REPLAY-REPLY-DIFFERS (notes §3.2): an NFSv4.0 owner-level replay (a new XID repeating the
 * owner's last request with the same seqid) must get the reply the server cached for that
 * request (RFC 7530 §9.1.9). This keeps, per owner, the result of the last request that moved
 * the owner's sequence on, as decoded; the owner sequence check decides what is a replay.
 */
final class ReplayReplyRule {
    private static final int MAX_OWNERS = 1 << 17;

    /**
     * The server's answer to an owner's last sequence-moving request. The decoded result is kept
     * (immutable records of numbers and texts) and rendered only when a replay is compared:
     * rendering every LOCK and OPEN reply cost more than the rest of the owner checks.
     */
    record Cached(Nfs4Result result, long replyFrame) {
    }

    private final Map<String, Cached> cache = new LinkedHashMap<>();

    /**
     * The reply to a replay of {@code owner}'s last request: the cached answer when it differs
     * from {@code result}, else null (also when no answer was cached).
     */
    Cached differs(String owner, Nfs4Result result) {
        Cached c = cache.get(owner);
        if (c == null || c.result().equals(result)) {
            return null; // equal records render equally
        }
        return c.result().toString().equals(result.toString()) ? null : c;
    }

    /** A reply for {@code owner} was processed; sequence-moving ones become its cached reply. */
    void answered(String owner, Nfs4Result result, long replyFrame) {
        if (OwnerSequences.NON_MUTATING.contains(result.status())) {
            return;
        }
        cache.remove(owner);
        cache.put(owner, new Cached(result, replyFrame));
        Bounded.trim(cache, MAX_OWNERS);
    }

    /** The owner was released: nothing of it is left to replay. */
    void forget(String owner) {
        cache.remove(owner);
    }

    /** The client's sequence history was reset: its cached replies go with it. */
    void forgetClient(long clientid) {
        String prefix = "/" + String.format("0x%016x", clientid) + "/";
        cache.keySet().removeIf(k -> k.contains(prefix));
    }
}
