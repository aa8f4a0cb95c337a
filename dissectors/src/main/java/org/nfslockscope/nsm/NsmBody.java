package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;

/** The decoded arguments or results of one NSM message. */
public sealed interface NsmBody permits SmName, MyId, MonId, Mon, StatChge, SmStatRes, SmStat {
    /** SM_MAXSTRLEN: the bound on every host name in the protocol. */
    int MAX_NAME = 1024;

    /** Writes the fields inside the {@code "nsm"} object. */
    void describe(FieldWriter out);
}
