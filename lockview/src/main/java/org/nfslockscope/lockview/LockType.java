package org.nfslockscope.lockview;

/**
 * The kind of a byte-range lock. NFSv4 READ_LT/READW_LT and NLM exclusive=FALSE are
 * {@link #READ}; WRITE_LT/WRITEW_LT and exclusive=TRUE are {@link #WRITE}. The blocking
 * variants (READW/WRITEW) only ask for fairness [RFC 7530 §9.4] and are not a separate
 * kind of held lock.
 */
public enum LockType {
    READ,
    WRITE;

    /** Two locks of different owners on overlapping bytes conflict unless both are READ. */
    public boolean conflictsWith(LockType other) {
        return this == WRITE || other == WRITE;
    }
}
