package org.nfslockscope.analysis;

/**
 * An NLM lock request as waiters, cancels and first-request times are matched: by the lock's
 * parameters, since Linux callbacks carry the server's own caller_name. The parts are kept as
 * they are rather than joined into one text, which every request and result had to build and hash.
 */
record NlmLockKey(String server, String fh, int svid, String oh, long offset, long length, boolean exclusive) {
}
