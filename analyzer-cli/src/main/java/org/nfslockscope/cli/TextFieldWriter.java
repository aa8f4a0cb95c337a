package org.nfslockscope.cli;

import org.nfslockscope.decode.FieldWriter;

/**
 * Renders decoded fields compactly on one line: {@code name=value}, objects in braces, arrays in
 * brackets. Meant for people reading dump output, not for parsing.
 */
final class TextFieldWriter implements FieldWriter {
    private final StringBuilder sb;
    private boolean needSeparator;

    TextFieldWriter(StringBuilder sb) {
        this.sb = sb;
    }

    private void separate() {
        if (needSeparator) {
            sb.append(' ');
        }
        needSeparator = true;
    }

    private void name(String name) {
        separate();
        if (name != null) {
            sb.append(name).append('=');
        }
    }

    @Override
    public FieldWriter field(String name, String value) {
        name(name);
        sb.append(value);
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
        needSeparator = false;
        return this;
    }

    @Override
    public FieldWriter endObject() {
        sb.append('}');
        needSeparator = true;
        return this;
    }

    @Override
    public FieldWriter beginArray(String name) {
        name(name);
        sb.append('[');
        needSeparator = false;
        return this;
    }

    @Override
    public FieldWriter endArray() {
        sb.append(']');
        needSeparator = true;
        return this;
    }

    @Override
    public FieldWriter value(String value) {
        separate();
        sb.append(value);
        return this;
    }
}
