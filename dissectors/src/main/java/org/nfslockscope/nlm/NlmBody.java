package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** The decoded arguments or results of one NLM message. */
public sealed interface NlmBody permits NlmArgs, NlmResult {

    /** Writes the fields inside the {@code "nlm"} object; status names depend on the version. */
    void describe(FieldWriter out, int version);
}
