package org.nfslockscope.nfs4;

import java.util.List;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/**
 * CB_COMPOUND4args (RFC 7530 §16.2.3 of the callback program, RFC 8881 §20.2).
 * {@code callbackIdent} repeats the SETCLIENTID callback_ident in 4.0 and means nothing in 4.1.
 */
public record CbCompound(String tag, int minorVersion, int callbackIdent, List<Nfs4Op> ops, String damage)
        implements DecodedBody {

    @Override
    public void describe(FieldWriter out) {
        if (minorVersion >= 0) {
            out.field("minorVersion", minorVersion);
        }
        OpList.describeTag(out, tag);
        Nfs4Fields.unsigned(out, "callbackIdent", callbackIdent);
        OpList.describeOps(out, ops);
    }
}
