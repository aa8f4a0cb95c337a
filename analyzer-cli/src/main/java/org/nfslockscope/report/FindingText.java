package org.nfslockscope.report;

import java.util.stream.Collectors;
import org.nfslockscope.findings.Finding;

/** One finding as a line of plain text, for JUnit failure bodies and the terminal. */
final class FindingText {
    private FindingText() {
    }

    /**
     * E.g. "frame 123 (evidence frames 100, 123) error V40-SEQID-GAP: message [client 10.0.0.1:871,
     * server 10.0.0.2:2049] (RFC 7530 §9.1.3)"; the parts that do not apply are left out.
     */
    static String line(Finding f) {
        StringBuilder s = new StringBuilder("frame ").append(f.frame());
        if (f.frames().size() > 1) {
            s.append(" (evidence frames ")
                    .append(f.frames().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(')');
        }
        s.append(' ').append(f.severity().jsonName()).append(' ').append(f.id()).append(": ").append(f.message());
        String who = who(f);
        if (!who.isEmpty()) {
            s.append(" [").append(who).append(']');
        }
        return s.append(" (").append(f.reference()).append(')').toString();
    }

    private static String who(Finding f) {
        StringBuilder s = new StringBuilder();
        part(s, "client", f.client());
        part(s, "server", f.server());
        part(s, "owner", f.owner());
        part(s, "file", f.file());
        return s.toString();
    }

    private static void part(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append(s.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
        }
    }
}
