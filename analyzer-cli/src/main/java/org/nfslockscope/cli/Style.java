package org.nfslockscope.cli;

import org.nfslockscope.findings.Severity;

/**
 * ANSI colour for the text reports, or nothing: every method returns its text unchanged when
 * colour is off, so the report code is the same either way.
 */
final class Style {
    static final Style PLAIN = new Style(false);
    static final Style ANSI = new Style(true);

    private static final String RESET = "\u001b[0m";
    private final boolean on;

    private Style(boolean on) {
        this.on = on;
    }

    static Style of(boolean colour) {
        return colour ? ANSI : PLAIN;
    }

    boolean on() {
        return on;
    }

    private String wrap(String code, String text) {
        return on ? "\u001b[" + code + "m" + text + RESET : text;
    }

    String heading(String text) {
        return wrap("1", text);
    }

    /** Frame numbers stand out: they are what a reader copies into Wireshark. */
    String frame(Object number) {
        return wrap("36", String.valueOf(number));
    }

    String severity(Severity s, String text) {
        return switch (s) {
            case ERROR -> wrap("1;31", text);
            case WARNING -> wrap("1;33", text);
            case INFO -> wrap("1;34", text);
        };
    }

    String good(String text) {
        return wrap("1;32", text);
    }

    String bad(String text) {
        return wrap("1;31", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }
}
