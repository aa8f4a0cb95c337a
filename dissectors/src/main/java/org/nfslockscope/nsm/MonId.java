package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.nlm.PartialReader;

/** {@code mon_id}: which host to (stop) monitor(ing), and for whom. SM_UNMON's argument. */
public record MonId(String monName, MyId myId) implements NsmBody {

    static MonId read(PartialReader r) {
        String monName = r.string(MAX_NAME, "mon_name");
        return new MonId(monName, MyId.read(r));
    }

    @Override
    public void describe(FieldWriter out) {
        if (monName != null) {
            out.field("monName", monName);
        }
        myId.describe(out);
    }
}
