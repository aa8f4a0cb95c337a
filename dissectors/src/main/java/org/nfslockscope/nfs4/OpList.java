package org.nfslockscope.nfs4;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/** Reads and writes the operation and result arrays that COMPOUND and CB_COMPOUND share. */
final class OpList {
    /** Reads one element, or returns null for an opcode no minor version defines. */
    interface ElementReader<T> {
        T read(int opcode, XdrReader r);

        /** Bulk data bytes the element declared but the message did not hold. */
        long missingBytes(T element);
    }

    static final ElementReader<Nfs4Op> FORE_ARGS = reader(Operations::args, Nfs4Op::missingBytes);
    static final ElementReader<Nfs4Result> FORE_RESULTS = reader(Operations::result, Nfs4Result::missingBytes);
    static final ElementReader<Nfs4Op> CB_ARGS = reader(CallbackOperations::args, Nfs4Op::missingBytes);
    static final ElementReader<Nfs4Result> CB_RESULTS = reader(CallbackOperations::result, Nfs4Result::missingBytes);

    /** An operation table: the opcode stays an int (a {@code BiFunction} boxed every one). */
    @FunctionalInterface
    private interface Table<T> {
        T read(int opcode, XdrReader r);
    }

    private static <T> ElementReader<T> reader(Table<T> table, java.util.function.ToLongFunction<T> missing) {
        return new ElementReader<>() {
            @Override
            public T read(int opcode, XdrReader r) {
                return table.read(opcode, r);
            }

            @Override
            public long missingBytes(T element) {
                return missing.applyAsLong(element);
            }
        };
    }

    /** What was read, and why reading stopped early (null when it did not). */
    record Decoded<T>(List<T> items, String damage) {
    }

    private OpList() {
    }

    /**
     * Reads a counted array of operations or results. Unlike other arrays, the count is not
     * rejected up front when the bytes cannot hold it: the elements that are present are still
     * worth having, so they are read one by one until the data runs out. The list never grows
     * past the elements actually read, so a hostile count allocates nothing.
     */
    static <T> Decoded<T> read(XdrReader r, ElementReader<T> reader, NameOf names) {
        long n = r.u32L();
        // Every element takes at least its opcode's four bytes: sized by what the bytes can hold,
        // which for a whole message is the count itself.
        Object[] items = new Object[(int) Math.min(n, r.remaining() / 4)];
        int size = 0;
        for (long i = 0; i < n; i++) {
            int opcode;
            try {
                opcode = r.u32();
            } catch (XdrException e) {
                return new Decoded<>(list(items, size), "operation list truncated after " + i + " of " + n);
            }
            T item;
            try {
                item = reader.read(opcode, r);
            } catch (XdrException e) {
                return new Decoded<>(list(items, size), names.name(opcode) + " (operation " + i + ") is damaged: "
                        + e.getMessage() + " at offset " + e.offset());
            } catch (RuntimeException e) {
                // A decoder bug must cost the rest of this message, not the operations already read.
                return new Decoded<>(list(items, size), names.name(opcode) + " (operation " + i
                        + ") could not be decoded: " + e);
            }
            if (item == null) {
                return new Decoded<>(list(items, size), "unknown operation " + Integer.toUnsignedString(opcode));
            }
            // Four bytes per element is a bound, never exceeded: the opcode was read.
            items[size++] = item;
            long missing = reader.missingBytes(item);
            if (missing > 0) {
                return new Decoded<>(list(items, size), names.name(opcode) + " (operation " + i + ") data is "
                        + missing + " bytes short");
            }
        }
        return new Decoded<>(list(items, size), null);
    }

    /**
     * The elements read, unmodifiable, over the array itself when it is full (the usual case) rather
     * than through the two copies {@code List.copyOf} makes.
     */
    private static <T> List<T> list(Object[] items, int size) {
        if (size == 0) {
            return List.of();
        }
        return new Elements<>(size == items.length ? items : Arrays.copyOf(items, size));
    }

    /**
     * An unmodifiable list over an array that nothing else holds: one object per list, where an
     * unmodifiable view of {@code Arrays.asList} made two, twice per NFSv4 message.
     */
    private static final class Elements<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] items;

        Elements(Object[] items) {
            this.items = items;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    /** Names an opcode in a damage message. */
    @FunctionalInterface
    interface NameOf {
        String name(int opcode);
    }

    static void describeOps(FieldWriter out, List<Nfs4Op> ops) {
        out.beginArray("ops");
        for (Nfs4Op op : ops) {
            out.value(op.name());
        }
        out.endArray();
        out.beginArray("args");
        for (Nfs4Op op : ops) {
            out.beginObject(null).field("op", op.name());
            op.describe(out);
            out.endObject();
        }
        out.endArray();
    }

    static void describeResults(FieldWriter out, int status, String tag, List<Nfs4Result> results) {
        out.field("status", Nfs4Names.status(status));
        Nfs4Fields.unsigned(out, "statusCode", status);
        describeTag(out, tag);
        out.beginArray("ops");
        for (Nfs4Result res : results) {
            out.value(res.name());
        }
        out.endArray();
        out.beginArray("results");
        for (Nfs4Result res : results) {
            out.beginObject(null).field("op", res.name());
            Nfs4Fields.status(out, res.status());
            res.describe(out);
            out.endObject();
        }
        out.endArray();
    }

    static void describeTag(FieldWriter out, String tag) {
        if (tag != null && !tag.isEmpty()) {
            out.field("tag", tag);
        }
    }
}
