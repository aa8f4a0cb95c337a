package org.nfslockscope.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.nfslockscope.lockview.ByteRange;

/**
 * One finding, shaped like the {@code findings[]} entries of the JSON output contract
 * (docs/design.md). Fields that do not apply are {@code null}, never placeholders, and are
 * left out of {@link #toJson()}.
 *
 * @param type       the catalog entry; its id is the JSON "id"
 * @param severity   usually {@code type.defaultSeverity()}, but rules escalate or downgrade
 * @param frame      the frame that proves it
 * @param frames     every evidence frame, sorted ascending, without duplicates, including {@code frame}
 * @param timeNanos  capture time of {@code frame}, nanoseconds since the epoch
 * @param client     client address "ip:port", or null
 * @param server     server address "ip:port", or null
 * @param clientId   NFSv4 clientid "0x..." or NLM caller name, or null
 * @param owner      the lock-owner's label, or null
 * @param file       file handle as "0x" hex, or the path when known, or null
 * @param range      the byte range concerned, or null
 * @param message    one specific sentence: who, what, which seqids
 * @param reference  the specification section; defaults to the type's reference
 */
public record Finding(FindingType type, Severity severity, long frame, List<Long> frames, long timeNanos,
                      String client, String server, String clientId, String owner, String file,
                      ByteRange range, String message, String reference) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("a finding needs a message");
        }
        TreeSet<Long> evidence = new TreeSet<>(frames == null ? List.of() : frames);
        evidence.add(frame);
        frames = List.copyOf(evidence);
        if (reference == null) {
            reference = type.reference();
        }
    }

    /** The stable catalog id, e.g. "V40-SEQID-GAP". */
    public String id() {
        return type.id();
    }

    /** Starts a finding at the type's default severity. */
    public static Builder builder(FindingType type, long frame, long timeNanos, String message) {
        return new Builder(type, frame, timeNanos, message);
    }

    /**
     * The JSON object of the output contract, field order as documented, null fields left
     * out; "time" is ISO-8601 UTC with nanoseconds.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id());
        json.put("severity", severity.jsonName());
        json.put("frame", frame);
        json.put("frames", frames);
        json.put("time", Instant.ofEpochSecond(0, timeNanos).toString());
        putIfPresent(json, "client", client);
        putIfPresent(json, "server", server);
        putIfPresent(json, "clientId", clientId);
        putIfPresent(json, "owner", owner);
        putIfPresent(json, "file", file);
        putIfPresent(json, "range", range == null ? null : range.toJson());
        json.put("message", message);
        json.put("reference", reference);
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    /** Fills the optional fields of a finding; only type, frame, time and message are required. */
    public static final class Builder {
        private final FindingType type;
        private final long frame;
        private final long timeNanos;
        private final String message;
        private Severity severity;
        private final List<Long> frames = new ArrayList<>();
        private String client;
        private String server;
        private String clientId;
        private String owner;
        private String file;
        private ByteRange range;
        private String reference;

        private Builder(FindingType type, long frame, long timeNanos, String message) {
            this.type = Objects.requireNonNull(type, "type");
            this.frame = frame;
            this.timeNanos = timeNanos;
            this.message = message;
            this.severity = type.defaultSeverity();
        }

        public Builder severity(Severity value) {
            this.severity = Objects.requireNonNull(value, "severity");
            return this;
        }

        /** Adds evidence frames; order and duplicates do not matter. */
        public Builder evidence(long... more) {
            for (long f : more) {
                frames.add(f);
            }
            return this;
        }

        public Builder evidence(Iterable<Long> more) {
            more.forEach(frames::add);
            return this;
        }

        public Builder client(String value) {
            this.client = value;
            return this;
        }

        public Builder server(String value) {
            this.server = value;
            return this;
        }

        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        public Builder owner(String value) {
            this.owner = value;
            return this;
        }

        public Builder file(String value) {
            this.file = value;
            return this;
        }

        public Builder range(ByteRange value) {
            this.range = value;
            return this;
        }

        /** Overrides the type's reference with a more specific section. */
        public Builder reference(String value) {
            this.reference = value;
            return this;
        }

        public Finding build() {
            return new Finding(type, severity, frame, frames, timeNanos, client, server, clientId,
                    owner, file, range, message, reference);
        }
    }
}
