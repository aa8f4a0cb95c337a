package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/**
 * {@code nlm_lock} / {@code nlm4_lock}: who ({@code callerName}, {@code svid}, {@code oh}) locks
 * which range of which file. {@code length} 0 means "to end of file".
 */
public record NlmLock(String callerName, String fhHex, String ohHex, int svid, long offset, long length) {
    /** MAXNETOBJ_SZ and the caller_name bound (LM_MAXSTRLEN) from the XNFS XDR. */
    static final int MAX_NETOBJ = 1024;
    static final int MAX_NAME = 1024;

    static NlmLock read(PartialReader r, boolean nlm4) {
        String caller = r.string(MAX_NAME, "caller_name");
        String fh = r.hexOpaque(MAX_NETOBJ, "fh");
        String oh = r.hexOpaque(MAX_NETOBJ, "oh");
        int svid = r.u32("svid");
        long offset = NlmFields.offset(r, nlm4, "l_offset");
        long length = NlmFields.offset(r, nlm4, "l_len");
        return new NlmLock(caller, fh, oh, svid, offset, length);
    }

    void describe(FieldWriter out) {
        NlmFields.optional(out, "callerName", callerName);
        NlmFields.optional(out, "fh", fhHex);
        NlmFields.optional(out, "oh", ohHex);
        out.field("svid", svid);
        NlmFields.unsigned(out, "offset", offset);
        NlmFields.unsigned(out, "length", length);
    }
}
