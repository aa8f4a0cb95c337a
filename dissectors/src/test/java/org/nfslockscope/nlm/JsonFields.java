package org.nfslockscope.nlm;

import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.FieldWriter;

/** A FieldWriter that renders compact JSON-like text, so tests can assert the dump contract. */
public final class JsonFields implements FieldWriter {
    private final StringBuilder sb = new StringBuilder();
    private boolean first = true;

    public static String of(DecodedBody body) {
        JsonFields f = new JsonFields();
        body.describe(f);
        return f.sb.toString();
    }

    private void name(String name) {
        if (!first) {
            sb.append(", ");
        }
        first = false;
        if (name != null) {
            sb.append('"').append(name).append("\": ");
        }
    }

    @Override
    public FieldWriter field(String name, String value) {
        name(name);
        sb.append('"').append(value).append('"');
        return this;
    }

    @Override
    public FieldWriter field(String name, long value) {
        name(name);
        sb.append(value);
        return this;
    }

    @Override
    public FieldWriter field(String name, boolean value) {
        name(name);
        sb.append(value);
        return this;
    }

    @Override
    public FieldWriter beginObject(String name) {
        name(name);
        sb.append('{');
        first = true;
        return this;
    }

    @Override
    public FieldWriter endObject() {
        sb.append('}');
        first = false;
        return this;
    }

    @Override
    public FieldWriter beginArray(String name) {
        name(name);
        sb.append('[');
        first = true;
        return this;
    }

    @Override
    public FieldWriter endArray() {
        sb.append(']');
        first = false;
        return this;
    }

    @Override
    public FieldWriter value(String value) {
        return field(null, value);
    }
}
