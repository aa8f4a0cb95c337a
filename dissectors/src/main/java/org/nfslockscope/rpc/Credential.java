package org.nfslockscope.rpc;

/** The credential of an RPC call (RFC 5531 §8.2, App. A; RFC 2203 §5). */
public sealed interface Credential {
    int AUTH_NONE = 0;
    int AUTH_SYS = 1;
    int AUTH_SHORT = 2;
    int AUTH_DH = 3;
    int RPCSEC_GSS = 6;
    int AUTH_TLS = 7;

    int flavor();

    record None() implements Credential {
        @Override
        public int flavor() {
            return AUTH_NONE;
        }
    }

    /** AUTH_SYS: a label of who sent the call, not protocol identity. */
    record Sys(long stamp, String machineName, long uid, long gid, long[] gids) implements Credential {
        @Override
        public int flavor() {
            return AUTH_SYS;
        }

        // Spelled out (the record's own are bound through method handles at first use), with the
        // record's meaning: the gid array compared by identity; the interner compares values.
        @Override
        public boolean equals(Object o) {
            return o instanceof Sys s && stamp == s.stamp && uid == s.uid && gid == s.gid && gids == s.gids
                    && java.util.Objects.equals(machineName, s.machineName);
        }

        @Override
        public int hashCode() {
            int h = Long.hashCode(stamp) * 31 + java.util.Objects.hashCode(machineName);
            return ((h * 31 + Long.hashCode(uid)) * 31 + Long.hashCode(gid)) * 31 + System.identityHashCode(gids);
        }
    }

    /** RPCSEC_GSS version 1 credential. */
    record Gss(int gssProc, long seqNum, int service, String handleHex) implements Credential {
        public static final int PROC_DATA = 0;
        public static final int SERVICE_NONE = 1;
        public static final int SERVICE_INTEGRITY = 2;
        public static final int SERVICE_PRIVACY = 3;

        @Override
        public int flavor() {
            return RPCSEC_GSS;
        }
    }

    /** Any other flavor: kept as its number and body length. */
    record Other(int flavor, int length) implements Credential {
    }
}
