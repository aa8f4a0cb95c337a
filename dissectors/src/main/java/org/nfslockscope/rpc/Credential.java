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
