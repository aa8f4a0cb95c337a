package org.nfslockscope.nfs4;

import java.util.List;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/**
 * COMPOUND4args (RFC 7530 §15.2, RFC 8881 §16.2). {@code tag} is null and {@code minorVersion}
 * -1 when the message ended before them; {@code ops} holds every operation read before any damage.
 */
public record Compound(String tag, int minorVersion, List<Nfs4Op> ops, String damage) implements DecodedBody {

    @Override
    public void describe(FieldWriter out) {
        if (minorVersion >= 0) {
            out.field("minorVersion", minorVersion);
        }
        OpList.describeTag(out, tag);
        OpList.describeOps(out, ops);
    }
}
