package org.nfslockscope.findings;

import java.util.Locale;

/**
 * How bad a finding is. The declaration order is the order of gravity, so that
 * {@code --fail-on warning} can be answered with {@link #atLeast(Severity)}.
 *
 * <ul>
 *   <li>{@link #INFO}: worth knowing, not a fault;</li>
 *   <li>{@link #WARNING}: likely a problem, but with benign explanations;</li>
 *   <li>{@link #ERROR}: the protocol or data integrity was violated.</li>
 * </ul>
 */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    /** The name used in JSON output and on the command line: "info", "warning", "error". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if this severity is as grave as {@code threshold} or graver. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /**
     * One step less grave (ERROR becomes WARNING, WARNING becomes INFO, INFO stays).
     * Rules use this when the value they compare against is only inferred.
     */
    public Severity lower() {
        return this == INFO ? INFO : values()[ordinal() - 1];
    }

    /** One step graver (INFO becomes WARNING, WARNING becomes ERROR, ERROR stays). */
    public Severity higher() {
        return this == ERROR ? ERROR : values()[ordinal() + 1];
    }

    /**
     * Parses a JSON or command-line name, case-insensitively.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Severity fromJsonName(String name) {
        for (Severity s : values()) {
            if (s.jsonName().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + name + "' (expected info, warning or error)");
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
