package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.nlm.PartialReader;

/** {@code sm_stat}: the result of SM_UNMON and SM_UNMON_ALL, the local host's state number. */
public record SmStat(int state) implements NsmBody {

    static SmStat read(PartialReader r) {
        return new SmStat(r.u32("state"));
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("state", state);
    }
}
