package org.nfslockscope.nsm;

import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/**
 * One decoded NSM message; {@code body} is null only when the procedure is undefined. After
 * damage, fields not reached hold 0 or null.
 */
public record NsmMessage(int procedure, boolean reply, NsmBody body, String damage) implements DecodedBody {

    @Override
    public void describe(FieldWriter out) {
        out.beginObject("nsm");
        if (body != null) {
            body.describe(out);
        }
        out.endObject();
    }
}
