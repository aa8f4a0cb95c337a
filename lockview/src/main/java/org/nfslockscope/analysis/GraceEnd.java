package org.nfslockscope.analysis;

/**
 * The end of grace is known only as an interval (notes §2.7.4): from the last grace refusal to the
 * first non-reclaim grant. A refusal answered after that grant but asked before it was answered
 * may have been decided first — the server works on requests from several connections at once —
 * so it still belongs to the same grace and proves no new restart.
 */
final class GraceEnd {
    private GraceEnd() {
    }

    /**
     * Whether a grace refusal to a request sent at {@code callNanos} falls inside the uncertainty
     * interval of the grace that was seen to end, rather than after it.
     */
    static boolean uncertain(ServerState s, long callNanos) {
        return !s.inGrace && s.graceEndNanos >= 0 && callNanos <= s.graceEndNanos;
    }
}
