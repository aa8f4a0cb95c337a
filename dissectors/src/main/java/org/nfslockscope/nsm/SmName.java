package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.nlm.PartialReader;

/** {@code sm_name}: SM_STAT asks about host {@code monName}. */
public record SmName(String monName) implements NsmBody {

    static SmName read(PartialReader r) {
        return new SmName(r.string(MAX_NAME, "mon_name"));
    }

    @Override
    public void describe(FieldWriter out) {
        if (monName != null) {
            out.field("monName", monName);
        }
    }
}
