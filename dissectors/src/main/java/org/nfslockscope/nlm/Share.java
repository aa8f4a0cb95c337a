package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/**
 * {@code nlm_share}: a DOS share reservation. {@code mode} is the deny mode (0 none, 1 read,
 * 2 write, 3 read-write), {@code access} the access wanted (0 none, 1 R, 2 W, 3 RW).
 */
public record Share(String callerName, String fhHex, String ohHex, int mode, int access) {

    static Share read(PartialReader r) {
        String caller = r.string(NlmLock.MAX_NAME, "caller_name");
        String fh = r.hexOpaque(NlmLock.MAX_NETOBJ, "fh");
        String oh = r.hexOpaque(NlmLock.MAX_NETOBJ, "oh");
        int mode = r.u32("mode");
        return new Share(caller, fh, oh, mode, r.u32("access"));
    }

    void describe(FieldWriter out) {
        NlmFields.optional(out, "callerName", callerName);
        NlmFields.optional(out, "fh", fhHex);
        NlmFields.optional(out, "oh", ohHex);
        out.field("mode", mode);
        out.field("access", access);
    }
}
