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
    long recentCallsForgotten;
    long callTablesHalved;
    long scanBudgetsExhausted;
    long resyncBytesSkipped;
    long scanWork;

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

    /**
     * How often the calls each TCP connection may keep were halved because the connections
     * together held {@code RpcTracker.MAX_TCP_CALLS}: each time, every connection forgot its
     * oldest calls beyond the new share (unanswered ones among them count in {@link #evictedCalls()}).
     */
    public long callTablesHalved() {
        return callTablesHalved;
    }

    /**
     * Calls dropped from the table that recognises a retransmission on a new connection
     * ({@code RpcTracker.MAX_RECENT} calls in flight; answered calls leave it and are not counted): a
     * later retransmission of one of them is taken for a new call.
     */
    public long recentCallsForgotten() {
        return recentCallsForgotten;
    }

    /**
     * TCP directions never seen carrying RPC that were given up after scanning
     * {@code RecordFramer.SCAN_BUDGET} bytes for a record mark: their later bytes are ignored.
     */
    public long scanBudgetsExhausted() {
        return scanBudgetsExhausted;
    }

    /** Bytes skipped while looking for the next record mark after a gap or a mid-stream start. */
    public long resyncBytesSkipped() {
        return resyncBytesSkipped;
    }

    /** Work counter of the resynchronising scans ({@code RecordFramer.scanWork()}, summed). */
    public long scanWork() {
        return scanWork;
    }

    /** Records that could not be read as RPC messages. */
    public long damagedRecords() {
        return damagedRecords;
    }
}
