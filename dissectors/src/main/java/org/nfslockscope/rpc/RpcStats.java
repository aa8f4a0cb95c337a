package org.nfslockscope.rpc;

/** Counts kept by the RPC stage for summaries. */
public final class RpcStats {
    long calls;
    long replies;
    long retransmittedCalls;
    long duplicateReplies;
    long orphanReplies;
    long unansweredCalls;
    long damagedRecords;
    long evictedCalls;

    public long calls() {
        return calls;
    }

    public long replies() {
        return replies;
    }

    public long retransmittedCalls() {
        return retransmittedCalls;
    }

    public long duplicateReplies() {
        return duplicateReplies;
    }

    /** Replies whose call is not in the capture (or was too long ago to be remembered). */
    public long orphanReplies() {
        return orphanReplies;
    }

    /** Calls never answered, counted when the capture ended or their connection closed. */
    public long unansweredCalls() {
        return unansweredCalls;
    }

    /** Unanswered calls dropped from full call tables (counted among the unanswered too). */
    public long evictedCalls() {
        return evictedCalls;
    }

    /** Records that could not be read as RPC messages. */
    public long damagedRecords() {
        return damagedRecords;
    }
}
