package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** {@code nlm_holder}: the lock that made a TEST answer DENIED. */
public record Holder(boolean exclusive, int svid, String ohHex, long offset, long length) {

    static Holder read(PartialReader r, boolean nlm4) {
        boolean exclusive = r.bool("holder.exclusive");
        int svid = r.u32("holder.svid");
        String oh = r.hexOpaque(NlmLock.MAX_NETOBJ, "holder.oh");
        long offset = NlmFields.offset(r, nlm4, "holder.l_offset");
        long length = NlmFields.offset(r, nlm4, "holder.l_len");
        return new Holder(exclusive, svid, oh, offset, length);
    }

    void describe(FieldWriter out) {
        out.beginObject("holder");
        out.field("exclusive", exclusive);
        out.field("svid", svid);
        NlmFields.optional(out, "oh", ohHex);
        NlmFields.unsigned(out, "offset", offset);
        NlmFields.unsigned(out, "length", length);
        out.endObject();
    }
}
