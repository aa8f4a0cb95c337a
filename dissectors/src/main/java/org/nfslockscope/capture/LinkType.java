package org.nfslockscope.capture;

/** The LINKTYPE_ values (tcpdump.org link-layer header types) that the net stage understands. */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    /** OpenBSD's DLT_RAW value as some writers put it in files. */
    public static final int RAW_OPENBSD = 14;
    public static final int RAW_ALT = 12;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
