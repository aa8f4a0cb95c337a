package org.nfslockscope.nfs4;

import java.util.List;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/** CB_COMPOUND4res: the client's answers to a callback, with the same stop-at-first-failure rule as COMPOUND4res. */
public record CbCompoundResult(int status, String tag, List<Nfs4Result> results, String damage)
        implements DecodedBody {

    @Override
    public void describe(FieldWriter out) {
        OpList.describeResults(out, status, tag, results);
    }
}
