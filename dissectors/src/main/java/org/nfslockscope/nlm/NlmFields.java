package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** Field-writing rules shared by the NLM records. */
final class NlmFields {
    private NlmFields() {
    }

    /**
     * NLMv4 offsets and lengths are unsigned 64-bit. Values up to 2^63-1 (all Linux uses) are
     * written as numbers; larger ones as their unsigned decimal text, because a negative number
     * would be a lie and JSON consumers lose precision beyond 2^63 anyway.
     */
    static void unsigned(FieldWriter out, String name, long value) {
        if (value >= 0) {
            out.field(name, value);
        } else {
            out.field(name, Long.toUnsignedString(value));
        }
    }

    static void optional(FieldWriter out, String name, String value) {
        if (value != null) {
            out.field(name, value);
        }
    }

    static void stat(FieldWriter out, int version, int stat) {
        out.field("stat", NlmStat.name(version, stat));
        out.field("statCode", stat & 0xffffffffL);
    }

    /** Offset and length: 32-bit unsigned in NLMv1/v3, 64-bit in NLMv4. */
    static long offset(PartialReader r, boolean nlm4, String what) {
        return nlm4 ? r.u64(what) : r.u32L(what);
    }
}
