package org.nfslockscope.nlm;

import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/**
 * Renders what a decoded body describes as compact JSON-like text ({@code "name": value, ...}),
 * so tests can assert the dump --format jsonl contract without the CLI's JSON library.
 */
public final class JsonFields implements FieldWriter {
    private final StringBuilder sb = new StringBuilder();
    private boolean first = true;

    public static String of(DecodedBody body) {
        JsonFields f = new JsonFields();
        body.describe(f);
        return f.sb.toString();
    }

    /** Appends one member (or array element when {@code name} is null) rendered as {@code text}. */
    private FieldWriter put(String name, String text, boolean opens) {
        sb.append(first ? "" : ", ").append(name == null ? "" : "\"" + name + "\": ").append(text);
        first = opens;
        return this;
    }

    private FieldWriter close(char c) {
        sb.append(c);
        first = false;
        return this;
    }

    @Override
    public FieldWriter field(String name, String value) {
        return put(name, "\"" + value + "\"", false);
    }

    @Override
    public FieldWriter field(String name, long value) {
        return put(name, String.valueOf(value), false);
    }

    @Override
    public FieldWriter field(String name, boolean value) {
        return put(name, String.valueOf(value), false);
    }

    @Override
    public FieldWriter beginObject(String name) {
        return put(name, "{", true);
    }

    @Override
    public FieldWriter endObject() {
        return close('}');
    }

    @Override
    public FieldWriter beginArray(String name) {
        return put(name, "[", true);
    }

    @Override
    public FieldWriter endArray() {
        return close(']');
    }

    @Override
    public FieldWriter value(String value) {
        return field(null, value);
    }
}
