package org.nfslockscope.decode;

/**
 * Where a decoded message writes its fields for display: the CLI renders them as JSON (dump
 * --format jsonl) or as compact text. Decoders stay free of any output library this way.
 * Names are camelCase; numbers that are identifiers (stateid other, clientid, filehandles) are
 * written as lower-case hex strings.
 */
public interface FieldWriter {
    FieldWriter field(String name, String value);

    FieldWriter field(String name, long value);

    FieldWriter field(String name, boolean value);

    /** Starts a nested object; {@code name} is null for an element of an array. */
    FieldWriter beginObject(String name);

    FieldWriter endObject();

    /** Starts an array; {@code name} is null for an element of an array. */
    FieldWriter beginArray(String name);

    FieldWriter endArray();

    /** An element of the current array. */
    FieldWriter value(String value);
}
