package org.nfslockscope.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's printed table: one line per capture, ours and tshark's side by side. */
final class ResultTable {
    private static final String HEADER = String.format(Locale.ROOT,
            "%-11s %8s %9s | %7s %7s %6s %9s %6s | %6s %6s | %8s %6s %7s | %8s%n",
            "kind", "MB", "packets", "ours s", "cpu s", "MB/s", "pkt/s", "RSS MB", "dump s", "RSS MB", "tshark s", "RSS MB",
            "ratio",
            "walk MB/s");

    private final List<Measurements.Row> rows = new ArrayList<>();

    void add(Measurements.Row r) {
        rows.add(r);
    }

    String render() {
        StringBuilder b = new StringBuilder(HEADER);
        for (Measurements.Row r : rows) {
            double mb = r.capture().bytes() / 1e6;
            double ours = r.analyze().wallSeconds();
            b.append(String.format(Locale.ROOT, "%-11s %8.1f %9d | %7.2f %7.2f %6.0f %9.0f %6d | %6.2f %6d | ",
                    r.capture().kind().label(), mb, r.capture().packets(), ours, r.analyze().cpuSeconds(), mb / ours,
                    r.capture().packets() / ours, r.analyze().peakRssKb() / 1024,
                    r.dump().wallSeconds(), r.dump().peakRssKb() / 1024));
            if (r.tshark() == null) {
                b.append(String.format(Locale.ROOT, "%8s %6s %7s", "-", "-", "-"));
            } else {
                b.append(String.format(Locale.ROOT, "%8.2f %6d %6.1fx", r.tshark().wallSeconds(),
                        r.tshark().peakRssKb() / 1024, r.tshark().wallSeconds() / ours));
            }
            b.append(String.format(Locale.ROOT, " | %8.0f%n", mb / r.walkSeconds()));
        }
        return b.toString();
    }
}
