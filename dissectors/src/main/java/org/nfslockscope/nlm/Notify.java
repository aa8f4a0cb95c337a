package org.nfslockscope.nlm;

import org.nfslockscope.decode.FieldWriter;

/** {@code nlm_notify}: FREE_ALL, which drops every lock and share held by host {@code name}. */
public record Notify(String name, int state) implements NlmArgs {
    /** MAXNAMELEN in the XNFS XDR. */
    static final int MAX_NAME = 1024;

    static Notify read(PartialReader r) {
        String name = r.string(MAX_NAME, "name");
        return new Notify(name, r.u32("state"));
    }

    @Override
    public void describe(FieldWriter out, int version) {
        NlmFields.optional(out, "name", name);
        out.field("state", state);
    }
}
