package org.nfslockscope.nfs4;

import java.util.List;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/**
 * COMPOUND4res. The server stops at the first failing operation, so {@code results} may be
 * shorter than the call's operations; {@code status} is then that operation's status.
 * {@code status} is -1 and {@code tag} null when the message ended before them.
 */
public record CompoundResult(int status, String tag, List<Nfs4Result> results, String damage)
        implements DecodedBody {

    @Override
    public void describe(FieldWriter out) {
        OpList.describeResults(out, status, tag, results);
    }
}
