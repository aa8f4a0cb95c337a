package org.nfslockscope.nfs4;

import java.util.ArrayDeque;
import java.util.Deque;
import org.nfslockscope.decode.FieldWriter;

/** A FieldWriter that renders compact JSON, for asserting the dump contract in tests. */
final class JsonFields implements FieldWriter {
    private final StringBuilder sb = new StringBuilder("{");
    /** Whether the current object or array already holds an element. */
    private final Deque<Boolean> filled = new ArrayDeque<>();

    JsonFields() {
        filled.push(false);
    }

    private void sep(String name) {
        if (filled.pop()) {
            sb.append(',');
        }
        filled.push(true);
        if (name != null) {
            sb.append('"').append(name).append("\":");
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public FieldWriter field(String name, String value) {
        sep(name);
        sb.append(quote(value));
        return this;
    }

    @Override
    public FieldWriter field(String name, long value) {
        sep(name);
        sb.append(value);
        return this;
    }

    @Override
    public FieldWriter field(String name, boolean value) {
        sep(name);
        sb.append(value);
        return this;
    }

    @Override
    public FieldWriter beginObject(String name) {
        sep(name);
        sb.append('{');
        filled.push(false);
        return this;
    }

    @Override
    public FieldWriter endObject() {
        filled.pop();
        sb.append('}');
        return this;
    }

    @Override
    public FieldWriter beginArray(String name) {
        sep(name);
        sb.append('[');
        filled.push(false);
        return this;
    }

    @Override
    public FieldWriter endArray() {
        filled.pop();
        sb.append(']');
        return this;
    }

    @Override
    public FieldWriter value(String value) {
        sep(null);
        sb.append(quote(value));
        return this;
    }

    static String of(org.nfslockscope.decode.DecodedBody body) {
        JsonFields j = new JsonFields();
        body.describe(j);
        return j.sb.append('}').toString();
    }
}
