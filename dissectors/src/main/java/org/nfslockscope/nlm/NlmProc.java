package org.nfslockscope.nlm;

/** NLM procedure numbers: the same in every version [XNFS]; 16 is Linux lockd's private one. */
public final class NlmProc {
    public static final int NULL = 0;
    public static final int TEST = 1;
    public static final int LOCK = 2;
    public static final int CANCEL = 3;
    public static final int UNLOCK = 4;
    public static final int GRANTED = 5;
    public static final int TEST_MSG = 6;
    public static final int LOCK_MSG = 7;
    public static final int CANCEL_MSG = 8;
    public static final int UNLOCK_MSG = 9;
    public static final int GRANTED_MSG = 10;
    public static final int TEST_RES = 11;
    public static final int LOCK_RES = 12;
    public static final int CANCEL_RES = 13;
    public static final int UNLOCK_RES = 14;
    public static final int GRANTED_RES = 15;
    public static final int NSM_NOTIFY = 16;
    public static final int SHARE = 20;
    public static final int UNSHARE = 21;
    public static final int NM_LOCK = 22;
    public static final int FREE_ALL = 23;

    private NlmProc() {
    }

    /** SHARE, UNSHARE, NM_LOCK and FREE_ALL arrived with NLMv3. */
    static boolean inVersion(int procedure, int version) {
        return procedure < SHARE || version >= 3;
    }
}
