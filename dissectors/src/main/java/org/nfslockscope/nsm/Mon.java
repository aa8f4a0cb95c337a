package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.nlm.PartialReader;

/** {@code mon}: SM_MON's argument; {@code priv} is echoed back to the caller on a restart. */
public record Mon(MonId monId, String privHex) implements NsmBody {
    static final int PRIV_SIZE = 16;

    static Mon read(PartialReader r) {
        MonId id = MonId.read(r);
        return new Mon(id, r.hexFixed(PRIV_SIZE, "priv"));
    }

    @Override
    public void describe(FieldWriter out) {
        monId.describe(out);
        if (privHex != null) {
            out.field("priv", privHex);
        }
    }
}
