package org.nfslockscope.rpc;

/**
 * What the RPC stage asks of a table of calls (one TCP connection's, or the UDP calls) when a
 * reply comes: an entry's call, and the reply a later duplicate is compared with.
 */
interface CallTable {
    CallInfo info(int e);

    boolean answered(int e);

    /** The frame of the reply a duplicate is compared with: the first, or the latest that differed. */
    long replyFrame(int e);

    /** The {@link ReplyOutcome} of that reply. */
    long outcome(int e);

    /** Records a reply: the first, or a later one that differs, becomes the one the next is compared with. */
    void answer(int e, long replyFrame, long outcome);
}
