package org.nfslockscope.rpc;

/**
 * A second (or later) reply to one request, as the RPC stage saw it: the frame and
 * {@link ReplyOutcome} of the reply this one repeats (the first, or the latest that said
 * something else), and this reply's own outcome.
 */
public record RepeatedReply(long earlierFrame, long earlierOutcome, long outcome) {
    /** Whether this reply says something else than the one before: the server ran the request again. */
    public boolean differs() {
        return earlierOutcome != outcome;
    }
}
