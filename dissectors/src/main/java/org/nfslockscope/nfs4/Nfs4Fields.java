package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;

/** How NFSv4 values are spelled in the dump output. */
final class Nfs4Fields {
    private Nfs4Fields() {
    }

    /** "0x%016x" without a Formatter, which costs more than the rest of the field. */
    static String clientid(long clientid) {
        String digits = Long.toHexString(clientid);
        return "0x" + "0000000000000000".substring(digits.length()) + digits;
    }

    /** A length4: all ones means "to the end of the file" and is written as the string "EOF". */
    static void length(FieldWriter out, String name, long length) {
        if (length == -1L) {
            out.field(name, "EOF");
        } else if (length >= 0) {
            out.field(name, length);
        } else {
            // Too large for a JSON number that every reader keeps exact; the text keeps the value.
            out.field(name, Long.toUnsignedString(length));
        }
    }

    /** offset4 values beyond 2^63 are written as unsigned decimal text for the same reason. */
    static void offset(FieldWriter out, String name, long offset) {
        if (offset >= 0) {
            out.field(name, offset);
        } else {
            out.field(name, Long.toUnsignedString(offset));
        }
    }

    static void unsigned(FieldWriter out, String name, int value) {
        out.field(name, Integer.toUnsignedLong(value));
    }

    static void status(FieldWriter out, int status) {
        out.field("status", Nfs4Names.status(status));
    }
}
