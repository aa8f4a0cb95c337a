package org.nfslockscope.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.time.format.DateTimeParseException;
import org.nfslockscope.analysis.LockView;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.lockview.LockEvent;
import org.nfslockscope.lockview.Wait;
import picocli.CommandLine;

/**
 * What a report shows, narrowed by --client, --server, --file, --since, --until and --ignore.
 * The lock view itself always sees the whole capture (state depends on everything before); only
 * the report, and the exit code that follows from it, are narrowed.
 */
final class ReportFilter {
    @CommandLine.Option(names = "--client", paramLabel = "ADDR",
            description = "only what concerns this client (address, or address:port)")
    String client;

    @CommandLine.Option(names = "--server", paramLabel = "ADDR",
            description = "only what concerns this server (address, or address:port)")
    String server;

    @CommandLine.Option(names = "--file", paramLabel = "FH|PATH",
            description = "only this file: its filehandle in hex (with or without 0x; any part of it is enough),"
                    + " or its name or the end of its path as NFSv4 LOOKUP and OPEN showed it (e.g. dir/lockfile)")
    String file;

    /** Names learnt during the pass, when --file is a name rather than a handle. */
    FileNames names;

    @CommandLine.Option(names = "--since", paramLabel = "FRAME|TIME",
            description = "only findings from this frame number or ISO-8601 time (e.g. 2026-11-20T10:00:00Z) on")
    String since;

    @CommandLine.Option(names = "--until", paramLabel = "FRAME|TIME",
            description = "only findings up to this frame number or ISO-8601 time")
    String until;

    @CommandLine.Option(names = "--ignore", paramLabel = "ID", converter = FindingIdConverter.class,
            description = "drop findings with this id from the report and the exit code; repeatable;"
                    + " an unknown id is a usage error")
    List<FindingType> ignored = new ArrayList<>();

    /** A bound is a frame number or a time; parsed once, validated as a usage error. */
    private record Bound(long frame, long nanos) {
        static Bound parse(String text, CommandLine cl, String option) {
            if (text == null) {
                return null;
            }
            try {
                return new Bound(Long.parseLong(text), -1);
            } catch (NumberFormatException e) {
                try {
                    Instant t = Instant.parse(text);
                    return new Bound(-1, t.getEpochSecond() * 1_000_000_000L + t.getNano());
                } catch (DateTimeParseException x) {
                    throw new CommandLine.ParameterException(cl, option + " takes a frame number or an ISO-8601 time"
                            + " such as 2026-11-20T10:00:00Z, not '" + text + "'");
                }
            }
        }

        boolean after(long f, long t) {
            return frame >= 0 ? f >= frame : t >= nanos;
        }

        boolean before(long f, long t) {
            return frame >= 0 ? f <= frame : t <= nanos;
        }
    }

    private Bound from;
    private Bound to;

    void validate(CommandLine cl) {
        from = Bound.parse(since, cl, "--since");
        to = Bound.parse(until, cl, "--until");
    }

    boolean narrows() {
        return client != null || server != null || file != null || since != null || until != null
                || !ignored.isEmpty();
    }

    private static boolean host(String want, String endpoint) {
        if (want == null) {
            return true;
        }
        if (endpoint == null) {
            return false;
        }
        return endpoint.equals(want) || endpoint.startsWith(want + ":") || endpoint.startsWith("[" + want + "]")
                || endpoint.equals(want.replaceFirst(":\\d+$", ""));
    }

    /** A value with anything but hex digits (after an optional 0x) is a name: give a hex-looking name with a '/'. */
    boolean fileIsName() {
        return file != null && !file.matches("(?i)(0x)?[0-9a-f]+");
    }

    private boolean fileMatches(String fh) {
        if (file == null) {
            return true;
        }
        if (fileIsName()) {
            String path = names == null ? null : names.pathOf(fh);
            return path != null && (path.equals(file) || path.endsWith(file.startsWith("/") ? file : "/" + file));
        }
        String want = file.toLowerCase().startsWith("0x") ? file.substring(2).toLowerCase() : file.toLowerCase();
        return fh != null && fh.toLowerCase().replace("0x", "").contains(want);
    }

    boolean keep(Finding f) {
        return !ignored.contains(f.type()) && keepIgnoringIds(f);
    }

    /** Every narrowing but --ignore (check hands that to its policy, which reports it). */
    boolean keepIgnoringIds(Finding f) {
        return host(client, f.client()) && host(server, f.server()) && fileMatches(f.file())
                && (from == null || from.after(f.frame(), f.timeNanos()))
                && (to == null || to.before(f.frame(), f.timeNanos()));
    }

    Set<FindingType> ignoredIds() {
        return ignored.isEmpty() ? Set.of() : EnumSet.copyOf(ignored);
    }

    boolean keep(LockView.HeldAtEnd h) {
        return host(client, h.client()) && host(server, h.server()) && fileMatches(h.file());
    }

    boolean keep(Wait w) {
        return fileMatches(w.file());
    }

    /** Server-wide events (restart, grace) concern every client and file of their server. */
    boolean keep(LockEvent e) {
        LockEvent.Lock lock = e.lock();
        return host(server, e.server())
                && (lock == null || host(client, lock.client()) && fileMatches(lock.file()))
                && (from == null || from.after(e.frame(), e.timeNanos()))
                && (to == null || to.before(e.frame(), e.timeNanos()));
    }

    /** A catalog id such as V40-SEQID-GAP; anything else is a usage error, so a typo does not silently ignore nothing. */
    static final class FindingIdConverter implements CommandLine.ITypeConverter<FindingType> {
        @Override
        public FindingType convert(String value) {
            return FindingType.byId(value.toUpperCase(Locale.ROOT)).orElseThrow(() ->
                    new CommandLine.TypeConversionException("unknown finding id '" + value
                            + "' (see 'nfslockscope findings')"));
        }
    }
}
