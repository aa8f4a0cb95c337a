package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.nlm.PartialReader;

/** {@code stat_chge}: SM_NOTIFY, "host {@code monName} restarted; its state is now {@code state}". */
public record StatChge(String monName, int state) implements NsmBody {

    static StatChge read(PartialReader r) {
        String monName = r.string(MAX_NAME, "mon_name");
        return new StatChge(monName, r.u32("state"));
    }

    @Override
    public void describe(FieldWriter out) {
        if (monName != null) {
            out.field("monName", monName);
        }
        out.field("state", state);
    }
}
