package org.nfslockscope.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.nfslockscope.analysis.LockView;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.KeptFindings;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.ContentionProfile;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.lockview.Wait;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.rpc.RpcStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Rebuilds the lock view of a capture and reports what went wrong, who holds what, who waits. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Rebuilds every client's lock view and reports what went wrong, who holds what and who waits.",
            "",
            "Covers NFSv4.0/4.1/4.2, NLM and NSM. Findings carry ids ('nfslockscope findings') and"
                    + " Wireshark frame numbers; the report also lists the locks held at the end of the capture,"
                    + " who waits for whom, contention per file, and the RPC traffic. Colour on a terminal;"
                    + " a progress bar on stderr while a large capture is read. Ctrl-C stops reading and"
                    + " reports what was found so far.",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {"    0  no finding at or above --fail-on",
            "    1  findings at or above --fail-on",
            "    2  usage error, or the input is not a readable capture",
            "  130  interrupted (Ctrl-C): the report covers the frames read and says so"})
public final class AnalyzeCommand implements Callable<Integer> {
    enum Format { text, json, jsonl, html }

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "pcap or pcapng file, optionally gzip- or bzip2-compressed")
    Path capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (the document described in docs/output.md), jsonl (findings and"
                    + " lock events, one a line, as they are found) or html (a timeline page to open in a browser)."
                    + " Text and json list the first 5000 findings of each id and severity and count the rest;"
                    + " jsonl lists every one")
    Format format;

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.Mixin
    ThreadsOption threads;

    @Option(names = "--at", paramLabel = "FRAME",
            description = "print only the lock table (locks held, waiters) as it stood right after this frame")
    Long atFrame;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nNarrowing the report (the analysis always reads the whole capture):%n")
    ReportFilter filter = new ReportFilter();

    @CommandLine.ArgGroup(validate = false, heading = "%nWhat the analysis assumes, what fails the run:%n")
    Thresholds thresholds = new Thresholds();

    @CommandLine.ArgGroup(validate = false, heading = "%nOn the terminal:%n")
    DisplayOptions display = new DisplayOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by Ctrl-C; tests replace it to stop at a known frame. */
    Interrupt interrupt = new Interrupt();

    /** Colour for the text report, decided once the output is known. */
    private Style style = Style.PLAIN;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = thresholds.settings(spec.commandLine());
        filter.validate(spec.commandLine());
        if (atFrame != null && atFrame < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at takes a frame number (1 or more)");
        }
        CaptureInput.Control control = threads.apply(display.control(interrupt), spec.commandLine());
        if (filter.fileIsName()) {
            filter.names = new FileNames();
            control = control.learning(filter.names);
        }
        if (format == Format.jsonl || format == Format.html) {
            if (atFrame != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--at prints one lock table: use it with --format text or json");
            }
            Interrupt.Handle sigint = interrupt.onSigint();
            try {
                return format == Format.jsonl ? jsonLines(settings, control, err) : htmlTimeline(settings, control, err);
            } finally {
                sigint.close();
            }
        }
        LockAnalysis a;
        Interrupt.Handle sigint = interrupt.onSigint();
        try {
            a = atFrame == null ? LockAnalysis.run(capture, settings, control, filter)
                    : LockAnalysis.at(capture, settings, atFrame, control, filter);
        } finally {
            sigint.close();
        }
        if (a.pass.failed()) {
            err.println("nfslockscope: " + a.pass.error());
            return ExitCode.USAGE_OR_INPUT;
        }
        style = display.style(output.file);
        try (OutputStream out = OutputTarget.open(output)) {
            if (atFrame != null) {
                lockTable(out, a);
                return a.pass.interrupted() ? exitCode(a, err) : ExitCode.OK;
            }
            if (format == Format.json) {
                json(out, a);
            } else {
                new TextReport(a, capture, style).write(out);
                CaptureInput.printDiagnostics(err, capture, a.pass.diagnostics());
            }
        }
        return exitCode(a, err);
    }

    /** 130 after Ctrl-C whatever was found, so that a script never takes a partial report for a pass. */
    private int exitCode(LockAnalysis a, PrintWriter err) {
        if (a.pass.interrupted()) {
            err.println("nfslockscope: interrupted after frame " + a.pass.interruptedAfter()
                    + "; the report covers frames 1.." + a.pass.interruptedAfter() + " only");
            err.flush();
            return Interrupt.EXIT_CODE;
        }
        return a.findings().stream().anyMatch(f -> f.severity().atLeast(thresholds.failOn))
                ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** The JSON member that marks a report of part of the capture: {"frame": N}, N the last frame read. */
    static void putInterrupted(Map<String, Object> doc, LockAnalysis a) {
        if (a.pass.interrupted()) {
            doc.put("interrupted", Map.of("frame", a.pass.interruptedAfter()));
        }
    }

    /** {@code --format jsonl}: each finding and lock event on its own line as soon as it is known, then a summary. */
    private int jsonLines(Settings settings, CaptureInput.Control control, PrintWriter err) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        // Opened at the first line, so that an unreadable capture leaves no empty output file.
        OutputStream[] out = new OutputStream[1];
        java.util.function.Consumer<Map<String, Object>> line = m -> {
            try {
                if (out[0] == null) {
                    out[0] = OutputTarget.open(output);
                }
                out[0].write(mapper.writeValueAsBytes(m));
                out[0].write('\n');
                out[0].flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            LockAnalysis a = LockAnalysis.streaming(capture, settings, control, filter, f -> {
                if (filter.keep(f)) {
                    line.accept(f.toJson());
                }
            }, e -> {
                if (filter.keep(e)) {
                    line.accept(e.toJson());
                }
            });
            if (a.pass.failed()) {
                err.println("nfslockscope: " + a.pass.error());
                return ExitCode.USAGE_OR_INPUT;
            }
            Map<String, Object> sum = new LinkedHashMap<>();
            sum.put("frames", a.pass.summary().frames());
            Map<String, Object> bySev = new LinkedHashMap<>();
            a.findingCounts().forEach((k, v) -> bySev.put(k.jsonName(), v));
            sum.put("findings", bySev);
            sum.put("locksHeldAtEnd", a.heldAtEnd().size());
            sum.put("waitersAtEnd", a.waitersAtEnd().size());
            sum.put("diagnostics", a.pass.summary().diagnostics());
            if (a.pass.interrupted()) {
                sum.put("interrupted", Map.of("frame", a.pass.interruptedAfter()));
            }
            line.accept(Map.of("summary", sum));
            return exitCode(a, err);
        } finally {
            if (out[0] != null) {
                out[0].close();
            }
        }
    }

    /** {@code --format html}: one self-contained timeline page of the lock events and findings. */
    private int htmlTimeline(Settings settings, CaptureInput.Control control, PrintWriter err) throws IOException {
        org.nfslockscope.report.HtmlTimeline timeline = new org.nfslockscope.report.HtmlTimeline();
        LockAnalysis a = LockAnalysis.streaming(capture, settings, control, filter,
                org.nfslockscope.findings.FindingSink.discarding(), e -> {
                    if (filter.keep(e)) {
                        timeline.onLockEvent(e);
                    }
                });
        if (a.pass.failed()) {
            err.println("nfslockscope: " + a.pass.error());
            return ExitCode.USAGE_OR_INPUT;
        }
        CaptureSummary s = a.pass.summary();
        List<Finding> findings = a.findings();
        try (OutputStream out = OutputTarget.open(output)) {
            timeline.write(out, capture.getFileName().toString(), s.frames(), s.firstTimeNanos(), s.lastTimeNanos(),
                    findings, filter.narrows());
        }
        CaptureInput.printDiagnostics(err, capture, a.pass.diagnostics());
        return exitCode(a, err);
    }

    /** {@code --at}: the held locks and waiters after one frame, as text or JSON. */
    private void lockTable(OutputStream out, LockAnalysis a) throws IOException {
        if (format == Format.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("at", atFrame);
            putInterrupted(doc, a);
            doc.put("locksHeld", heldJson(a));
            doc.put("waiters", waitersJson(a));
            writeJson(out, doc);
            return;
        }
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.printf("%s%n", style.heading("Lock table after frame " + atFrame + " of " + capture));
        TextReport.interrupted(w, a, style);
        TextReport.heldAndWaiting(w, a, "Locks held", "Waiting", style);
        w.flush();
    }

    static Map<Severity, Long> bySeverity(List<Finding> findings) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0L);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        return counts;
    }

    private void json(OutputStream out, LockAnalysis a) throws IOException {
        CaptureSummary s = a.pass.summary();
        RpcStats r = s.rpc();
        List<Finding> findings = a.findings();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", VersionProvider.toolObject());
        Map<String, Object> cap = new LinkedHashMap<>();
        cap.put("path", capture.toString());
        cap.put("format", s.format().label());
        cap.put("frames", s.frames());
        cap.put("bytes", s.bytes());
        if (s.firstTimeNanos() >= 0) {
            cap.put("start", Times.isoOnce(s.firstTimeNanos()));
            cap.put("end", Times.isoOnce(s.lastTimeNanos()));
        }
        doc.put("capture", cap);
        putInterrupted(doc, a);
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("rpcCalls", r.calls());
        sum.put("rpcReplies", r.replies());
        sum.put("unmatchedCalls", r.unansweredCalls());
        sum.put("unmatchedReplies", r.orphanReplies());
        sum.put("retransmittedCalls", r.retransmittedCalls());
        sum.put("duplicateReplies", r.duplicateReplies());
        sum.put("tcpConnections", s.tcpConnections());
        sum.put("nfs4Compounds", a.nfs4Compounds);
        sum.put("nfs4Callbacks", a.nfs4Callbacks);
        sum.put("nlmCalls", a.nlmCalls);
        sum.put("nsmCalls", a.nsmCalls);
        sum.put("clients", a.clients.size());
        sum.put("clientIds", a.view.clientIdsSeen());
        sum.put("diagnostics", s.diagnostics());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("connectionsEvicted", s.limits().connectionsEvicted());
        limits.put("fragmentsDropped", s.limits().fragmentsDropped());
        limits.put("outOfOrderOverflows", s.limits().outOfOrderOverflows());
        limits.put("callsForgotten", r.evictedCalls());
        limits.put("recentCallsForgotten", r.recentCallsForgotten());
        limits.put("scanBudgetsExhausted", r.scanBudgetsExhausted());
        if (r.callTablesHalved() > 0) {
            // only when connections together reached their budget, so that other captures keep their output
            limits.put("callTablesHalved", r.callTablesHalved());
        }
        if (a.view.contention().others().files() > 0) {
            // only past the profile's table size, so that ordinary captures keep their output
            limits.put("contentionFilesFolded", a.view.contention().others().files());
        }
        if (a.findingsNotKept() > 0) {
            // only past the view's limits, so that ordinary captures keep their output
            limits.put("findingsNotKept", a.findingsNotKept());
        }
        sum.put("limits", limits);
        Map<String, Object> bySev = new LinkedHashMap<>();
        a.findingCounts().forEach((k, v) -> bySev.put(k.jsonName(), v));
        sum.put("findings", bySev);
        doc.put("summary", sum);
        doc.put("findings", findings.stream().map(Finding::toJson).toList());
        doc.put("locksHeldAtEnd", heldJson(a));
        doc.put("waitersAtEnd", waitersJson(a));
        List<Map<String, Object>> contention = new ArrayList<>();
        for (ContentionProfile.FileStats f : a.view.contention().topContended(10)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", f.file());
            m.put("requests", f.requests());
            m.put("grants", f.grants());
            m.put("denials", f.denials());
            m.put("polls", f.polls());
            putDurations(m, "waitSeconds", f.waits());
            putDurations(m, "holdSeconds", f.holds());
            contention.add(m);
        }
        doc.put("contention", contention);
        List<Map<String, Object>> diags = new ArrayList<>();
        for (Diagnostic d : a.pass.diagnostics().kept()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (d.frame() > 0) {
                m.put("frame", d.frame());
            }
            m.put("stage", d.stage().name().toLowerCase());
            m.put("message", d.message());
            diags.add(m);
        }
        doc.put("diagnostics", diags);
        writeJson(out, doc);
    }

    /** min / median / p99 / max of a duration histogram in seconds, when anything was recorded. */
    private static void putDurations(Map<String, Object> m, String name, org.nfslockscope.lockview.DurationHistogram h) {
        if (h.count() == 0) {
            return;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("count", h.count());
        d.put("min", h.min() / 1e9);
        d.put("median", h.median() / 1e9);
        d.put("p99", h.p99() / 1e9);
        d.put("max", h.max() / 1e9);
        m.put(name, d);
    }

    private static void writeJson(OutputStream out, Map<String, Object> doc) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            writeTree(g, doc);
            g.flush();
            out.write('\n');
        }
    }

    /**
     * Writes a document of maps with text keys, lists, texts, numbers, booleans and nulls with the
     * generator calls an {@link ObjectMapper} makes for them, so the bytes are the same, without
     * building one: making a mapper (with its date format, calendar and serializer caches) is a
     * good part of the run on a small capture. Anything else goes to a mapper after all.
     */
    static void writeTree(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> m && textKeys(m)) {
            g.writeStartObject(m);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeTree(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray(l, l.size());
            for (Object x : l) {
                writeTree(g, x);
            }
            g.writeEndArray();
        } else if (v instanceof Long n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Integer n) {
            g.writeNumber(n.intValue());
        } else if (v instanceof Double n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            Mapped.write(g, v);
        }
    }

    /** The mapper for what {@link #writeTree} does not write itself; a class of its own so it loads only then. */
    private static final class Mapped {
        static void write(JsonGenerator g, Object v) throws IOException {
            if (g.getCodec() == null) {
                g.setCodec(new ObjectMapper());
            }
            g.writeObject(v);
        }
    }

    private static boolean textKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static List<Map<String, Object>> heldJson(LockAnalysis a) {
        List<Map<String, Object>> held = new ArrayList<>();
        for (LockView.HeldAtEnd h : a.heldAtEnd()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", h.server());
            m.put("file", h.file());
            m.put("owner", h.owner());
            if (h.client() != null) {
                m.put("client", h.client());
            }
            if (h.clientId() != null) {
                m.put("clientId", h.clientId());
            }
            m.put("type", h.lock().type().name());
            m.put("range", h.lock().range().toJson());
            m.put("since", Times.isoOnce(h.lock().grant().sinceNanos()));
            m.put("frame", h.lock().grant().frame());
            m.put("knowledge", h.lock().grant().knowledge().name().toLowerCase());
            m.put("protocol", h.lock().grant().protocol().name().toLowerCase());
            held.add(m);
        }
        return held;
    }

    private static List<Map<String, Object>> waitersJson(LockAnalysis a) {
        List<Map<String, Object>> waiters = new ArrayList<>();
        for (Wait w : a.waitersAtEnd()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("waiter", w.waiter().label());
            m.put("file", w.file());
            m.put("type", w.type().name());
            m.put("range", w.range().toJson());
            m.put("since", Times.isoOnce(w.sinceNanos()));
            m.put("frame", w.frame());
            m.put("blockedBy", w.blockers().stream().map(Owner::label).toList());
            waiters.add(m);
        }
        return waiters;
    }

    /** The report a person reads: summary first, then findings grouped by id, then the end state. */
    private static final class TextReport {
        private final LockAnalysis a;
        private final Path capture;
        private final Style style;

        TextReport(LockAnalysis a, Path capture, Style style) {
            this.a = a;
            this.capture = capture;
            this.style = style;
        }

        /** First thing on the page, so nobody reads a partial report as the whole story. */
        static void interrupted(PrintWriter w, LockAnalysis a, Style style) {
            if (a.pass.interrupted()) {
                w.printf("%s%n", style.bad("INTERRUPTED after frame " + a.pass.interruptedAfter()
                        + ": this report covers frames 1.." + a.pass.interruptedAfter() + " only"));
            }
        }

        static void heldAndWaiting(PrintWriter w, LockAnalysis a, String heldTitle, String waitTitle, Style style) {
            List<LockView.HeldAtEnd> held = a.heldAtEnd();
            w.println();
            w.printf("%s%n", style.heading(heldTitle + ": " + held.size()));
            for (LockView.HeldAtEnd h : held) {
                w.printf("  %s %s %s %s by %s%s since frame %s%n", h.server(), h.file(), h.lock().type(),
                        h.lock().range(), h.owner(), h.client() == null ? "" : " (" + h.client() + ")",
                        style.frame(h.lock().grant().frame()));
            }
            List<Wait> waits = a.waitersAtEnd();
            if (!waits.isEmpty()) {
                w.println();
                w.println(style.heading(waitTitle + ":"));
                for (Wait x : waits) {
                    w.printf("  %s waits for %s %s of %s since frame %s%n", x.waiter().label(), x.type(), x.range(),
                            x.file(), style.frame(x.frame()));
                    for (Owner o : x.blockers()) {
                        w.printf("    <- held by %s%n", o.label());
                    }
                }
            }
        }

        void write(OutputStream out) {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CaptureSummary s = a.pass.summary();
            RpcStats r = s.rpc();
            List<Finding> findings = a.findings();
            interrupted(w, a, style);
            w.printf("Capture      %s (%s, %d frames, %d bytes)%n", capture, s.format().label(), s.frames(), s.bytes());
            if (s.firstTimeNanos() >= 0) {
                w.printf("Span         %s .. %s (%.3f s)%n", Times.isoOnce(s.firstTimeNanos()),
                        Times.isoOnce(s.lastTimeNanos()), (s.lastTimeNanos() - s.firstTimeNanos()) / 1e9);
            }
            w.printf("Traffic      %d client hosts (%d client IDs), %d TCP connections, %d NFSv4 COMPOUNDs, %d NLM and"
                    + " %d NSM calls%n", a.clients.size(), a.view.clientIdsSeen(), s.tcpConnections(), a.nfs4Compounds,
                    a.nlmCalls, a.nsmCalls);
            w.printf("RPC          %d calls, %d replies; %d unanswered, %d replies without their call, "
                    + "%d retransmitted calls%n", r.calls(), r.replies(), r.unansweredCalls(), r.orphanReplies(),
                    r.retransmittedCalls());
            Map<Severity, Long> sev = a.findingCounts();
            w.printf("Findings     %s, %s, %s%n", count(sev, Severity.ERROR), count(sev, Severity.WARNING),
                    count(sev, Severity.INFO));
            w.printf("Diagnostics  %d%n", s.diagnostics());
            long hits = s.limits().connectionsEvicted() + s.limits().fragmentsDropped()
                    + s.limits().outOfOrderOverflows() + r.evictedCalls() + r.recentCallsForgotten()
                    + r.scanBudgetsExhausted() + r.callTablesHalved();
            if (hits > 0) {
                w.printf("Limits hit   %d connections evicted, %d fragmented datagrams dropped, %d out-of-order"
                        + " overflows, %d unanswered calls forgotten, %d calls forgotten for cross-connection"
                        + " retransmission, %d non-RPC directions given up%s (see docs/robustness.md)%n",
                        s.limits().connectionsEvicted(), s.limits().fragmentsDropped(),
                        s.limits().outOfOrderOverflows(), r.evictedCalls(), r.recentCallsForgotten(),
                        r.scanBudgetsExhausted(), r.callTablesHalved() == 0 ? ""
                                : ", calls kept per connection halved " + r.callTablesHalved() + " times");
            }
            if (a.findingsNotKept() > 0) {
                w.printf("Not kept     %d findings beyond the first %d of each id and severity (%d in all); the"
                        + " counts include them, --format jsonl lists every one%n", a.findingsNotKept(),
                        KeptFindings.PER_KIND, KeptFindings.MAX_KEPT);
            }
            Map<String, List<Finding>> byId = new TreeMap<>();
            for (Finding f : findings) {
                byId.computeIfAbsent(f.severity().ordinal() + "|" + f.id(), k -> new ArrayList<>()).add(f);
            }
            List<String> keys = new ArrayList<>(byId.keySet());
            keys.sort((x, y) -> y.compareTo(x));
            for (String k : keys) {
                List<Finding> group = byId.get(k);
                Finding first = group.get(0);
                w.println();
                // All the findings of the group, those the view did not keep included.
                long all = Math.max(group.size(), a.findingsRaised(first.type(), first.severity()));
                w.printf("%s %s (%d) - %s%n", style.severity(first.severity(), first.severity().jsonName().toUpperCase()),
                        style.heading(first.id()), all, first.type().title());
                w.printf("  %s%n", first.type().explanation());
                int shown = 0;
                List<String> frames = new ArrayList<>();
                for (Finding f : group) {
                    f.frames().forEach(x -> frames.add(String.valueOf(x)));
                    if (shown++ < 10) {
                        String n = String.valueOf(f.frame());
                        w.printf("  frame %s%s %s%n", style.frame(n), " ".repeat(Math.max(0, 7 - n.length())),
                                f.message());
                    }
                }
                if (all > 10) {
                    w.printf("  ... and %d more%s%n", all - 10,
                            all > group.size() ? " (" + group.size() + " kept)" : "");
                }
                w.printf("  Reference: %s%n", first.reference());
                w.printf("  Wireshark: frame.number in {%s}%n", String.join(", ",
                        frames.subList(0, Math.min(frames.size(), 40))));
            }
            heldAndWaiting(w, a, a.pass.interrupted() ? "Locks held after frame " + a.pass.interruptedAfter()
                            : "Locks held at the end of the capture",
                    a.pass.interrupted() ? "Who waits for whom after frame " + a.pass.interruptedAfter()
                            : "Who waits for whom at the end of the capture", style);
            List<ContentionProfile.FileStats> top = a.view.contention().topContended(5);
            if (!top.isEmpty()) {
                w.println();
                w.println(style.heading("Most contended files (lock requests, grants, denials;"
                        + " hold time median / p99 / max):"));
                for (ContentionProfile.FileStats f : top) {
                    w.printf("  %-60s %6d %6d %6d", f.file(), f.requests(), f.grants(), f.denials());
                    if (f.holds().count() > 0) {
                        w.printf("   %.3f / %.3f / %.3f s", f.holds().median() / 1e9, f.holds().p99() / 1e9,
                                f.holds().max() / 1e9);
                    }
                    w.println();
                }
                ContentionProfile.Others others = a.view.contention().others();
                if (others.files() > 0) {
                    w.printf("  (%d less contended files folded together: %d requests, %d grants, %d denials,"
                            + " %d polls)%n", others.files(), others.requests(), others.grants(), others.denials(),
                            others.polls());
                }
            }
            w.flush();
        }

        /** "2 error", coloured only when there is at least one. */
        private String count(Map<Severity, Long> sev, Severity s) {
            String text = sev.get(s) + " " + s.jsonName();
            return sev.get(s) > 0 ? style.severity(s, text) : text;
        }
    }
}
