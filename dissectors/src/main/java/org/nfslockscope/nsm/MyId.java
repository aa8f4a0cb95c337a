package org.nfslockscope.nsm;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.nlm.PartialReader;

/**
 * {@code my_id}: the local host and the RPC procedure statd calls back when a monitored host
 * restarts (on Linux lockd: 100021, its version, procedure 16). SM_UNMON_ALL's argument.
 */
public record MyId(String myName, int myProg, int myVers, int myProc) implements NsmBody {

    static MyId read(PartialReader r) {
        String name = r.string(MAX_NAME, "my_name");
        int prog = r.u32("my_prog");
        int vers = r.u32("my_vers");
        return new MyId(name, prog, vers, r.u32("my_proc"));
    }

    @Override
    public void describe(FieldWriter out) {
        if (myName != null) {
            out.field("myName", myName);
        }
        out.field("myProg", myProg);
        out.field("myVers", myVers);
        out.field("myProc", myProc);
    }
}
