package org.nfslockscope.nlm;

import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/**
 * One decoded NLM message. {@code body} is an {@link NlmArgs} for a call and an {@link NlmResult}
 * for a reply; it is null only when damage stopped decoding before anything was known (an
 * undefined procedure). After damage, fields not reached hold 0, false or null.
 */
public record NlmMessage(int version, int procedure, boolean reply, NlmBody body, String damage)
        implements DecodedBody {

    @Override
    public void describe(FieldWriter out) {
        out.beginObject("nlm");
        if (body != null) {
            body.describe(out, version);
        }
        out.endObject();
    }
}
