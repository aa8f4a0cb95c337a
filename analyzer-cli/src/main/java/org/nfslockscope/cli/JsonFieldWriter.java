package org.nfslockscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.nfslockscope.decode.FieldWriter;

/** Renders decoded fields into an open JSON object. */
final class JsonFieldWriter implements FieldWriter {
    private final JsonGenerator g;

    JsonFieldWriter(JsonGenerator g) {
        this.g = g;
    }

    private interface Io {
        void run() throws IOException;
    }

    private FieldWriter io(Io action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public FieldWriter field(String name, String value) {
        return io(() -> g.writeStringField(name, value));
    }

    @Override
    public FieldWriter field(String name, long value) {
        return io(() -> g.writeNumberField(name, value));
    }

    @Override
    public FieldWriter field(String name, boolean value) {
        return io(() -> g.writeBooleanField(name, value));
    }

    @Override
    public FieldWriter beginObject(String name) {
        return io(() -> {
            if (name == null) {
                g.writeStartObject();
            } else {
                g.writeObjectFieldStart(name);
            }
        });
    }

    @Override
    public FieldWriter endObject() {
        return io(g::writeEndObject);
    }

    @Override
    public FieldWriter beginArray(String name) {
        return io(() -> {
            if (name == null) {
                g.writeStartArray();
            } else {
                g.writeArrayFieldStart(name);
            }
        });
    }

    @Override
    public FieldWriter endArray() {
        return io(g::writeEndArray);
    }

    @Override
    public FieldWriter value(String value) {
        return io(() -> g.writeString(value));
    }
}
