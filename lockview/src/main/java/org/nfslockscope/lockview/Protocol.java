package org.nfslockscope.lockview;

/** The protocol through which a lock was taken: they recover differently after failures. */
public enum Protocol {
    /** NFSv4.x LOCK: kept alive by a lease. */
    NFS4,
    /** NLM (with NFSv2/v3): kept until unlocked or until NSM reports a reboot. */
    NLM
}
