package org.nfslockscope.lockview;

/**
 * How the view came to know a lock (protocol-notes §3.0.2). Rules compare against known
 * values at full severity and against inferred ones one step lower, so the distinction
 * must survive every merge and split.
 */
public enum Knowledge {
    /** Deduced without seeing it happen: a LOCK4denied or NLM TEST holder, a call without its reply. */
    INFERRED,
    /** Established by a call and its reply, both seen. */
    KNOWN;

    /** The weaker of the two: a fact built on an inference is only an inference. */
    public Knowledge weakest(Knowledge other) {
        return this == INFERRED || other == INFERRED ? INFERRED : KNOWN;
    }

    /** The stronger of the two: a fact seen once is known, however else it was guessed. */
    public Knowledge strongest(Knowledge other) {
        return this == KNOWN || other == KNOWN ? KNOWN : INFERRED;
    }
}
