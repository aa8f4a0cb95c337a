package org.nfslockscope.nsm;

/** NSM (program 100024, version 1) procedure numbers [XNFS]. */
public final class NsmProc {
    public static final int SM_NULL = 0;
    public static final int SM_STAT = 1;
    public static final int SM_MON = 2;
    public static final int SM_UNMON = 3;
    public static final int SM_UNMON_ALL = 4;
    public static final int SM_SIMU_CRASH = 5;
    public static final int SM_NOTIFY = 6;

    private NsmProc() {
    }
}
