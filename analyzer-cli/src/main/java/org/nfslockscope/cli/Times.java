package org.nfslockscope.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Capture timestamps (nanoseconds since the epoch) as text. */
final class Times {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    /** ISO-8601 UTC with nanoseconds, e.g. 2026-11-20T10:00:00.000000001Z. */
    String iso(long nanos) {
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        if (sec != cachedSecond) {
            cachedSecond = sec;
            cachedPrefix = SECONDS.format(Instant.ofEpochSecond(sec));
        }
        StringBuilder sb = new StringBuilder(30).append(cachedPrefix).append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < 9; i++) {
            sb.append('0');
        }
        return sb.append(f).append('Z').toString();
    }

    static String isoOnce(long nanos) {
        return new Times().iso(nanos);
    }

    /** Seconds relative to {@code origin}, with microsecond precision, as tshark prints them. */
    static String relative(long nanos, long origin) {
        long d = nanos - origin;
        return String.format("%.6f", d / 1e9);
    }
}
