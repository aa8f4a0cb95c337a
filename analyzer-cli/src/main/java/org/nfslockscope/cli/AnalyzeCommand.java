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
            "Covers NFSv4.0/4.1/4.2, NLM and NSM. Findings carry ids ('nfslockscope findings') and",
            "Wireshark frame numbers; the report also lists the locks held at the end of the capture,",
            "who waits for whom, contention per file, and the RPC traffic.",
            "Exit code 1 when a finding is at or above --fail-on."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no finding at or above --fail-on",
            "  1  findings at or above --fail-on",
            "  2  usage error, or the input is not a readable capture"})
public final class AnalyzeCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "pcap or pcapng file, optionally gzip- or bzip2-compressed")
    Path capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the document described in docs/output.md)")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error", converter = CheckCommand.SeverityConverter.class,
            description = "error (default), warning or info: exit 1 when a finding is at least this grave")
    Severity failOn;

    @Option(names = "--lease", paramLabel = "SECONDS",
            description = "NFSv4 lease time to assume; by default the lease_time attribute seen in the capture, else 90")
    Long leaseSeconds;

    @Option(names = "--grace", paramLabel = "SECONDS",
            description = "grace period to assume when its end is not seen on the wire (default 90)")
    Long graceSeconds;

    @Option(names = "--at", paramLabel = "FRAME",
            description = "print only the lock table (locks held, waiters) as it stood right after this frame")
    Long atFrame;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nNarrowing the report (the analysis always reads the whole capture):%n")
    ReportFilter filter = new ReportFilter();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = Settings.defaults();
        if (leaseSeconds != null) {
            settings = settings.withLease(leaseSeconds * Settings.SECOND);
        }
        if (graceSeconds != null) {
            settings = settings.withGrace(graceSeconds * Settings.SECOND);
        }
        filter.validate(spec.commandLine());
        if (atFrame != null && atFrame < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at takes a frame number (1 or more)");
        }
        LockAnalysis a = atFrame == null ? LockAnalysis.run(capture, settings) : LockAnalysis.at(capture, settings, atFrame);
        a.filter = filter;
        if (a.pass.failed()) {
            err.println("nfslockscope: " + a.pass.error());
            return ExitCode.USAGE_OR_INPUT;
        }
        try (OutputStream out = OutputTarget.open(output)) {
            if (atFrame != null) {
                lockTable(out, a);
                return ExitCode.OK;
            }
            if (format == Format.json) {
                json(out, a);
            } else {
                new TextReport(a, capture).write(out);
                CaptureInput.printDiagnostics(err, capture, a.pass.diagnostics());
            }
        }
        return a.findings().stream().anyMatch(f -> f.severity().atLeast(failOn))
                ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** {@code --at}: the held locks and waiters after one frame, as text or JSON. */
    private void lockTable(OutputStream out, LockAnalysis a) throws IOException {
        if (format == Format.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("at", atFrame);
            doc.put("locksHeld", heldJson(a));
            doc.put("waiters", waitersJson(a));
            writeJson(out, doc);
            return;
        }
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.printf("Lock table after frame %d of %s%n", atFrame, capture);
        TextReport.heldAndWaiting(w, a, "Locks held", "Waiting");
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
        doc.put("tool", Map.of("name", "nfslockscope", "version", VersionProvider.version()));
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
        sum.put("diagnostics", s.diagnostics());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("connectionsEvicted", s.limits().connectionsEvicted());
        limits.put("fragmentsDropped", s.limits().fragmentsDropped());
        limits.put("outOfOrderOverflows", s.limits().outOfOrderOverflows());
        limits.put("callsForgotten", r.evictedCalls());
        limits.put("recentCallsForgotten", r.recentCallsForgotten());
        limits.put("scanBudgetsExhausted", r.scanBudgetsExhausted());
        sum.put("limits", limits);
        Map<String, Object> bySev = new LinkedHashMap<>();
        bySeverity(findings).forEach((k, v) -> bySev.put(k.jsonName(), v));
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
            g.setCodec(new ObjectMapper());
            g.useDefaultPrettyPrinter();
            g.writeObject(doc);
            g.flush();
            out.write('\n');
        }
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

        TextReport(LockAnalysis a, Path capture) {
            this.a = a;
            this.capture = capture;
        }

        static void heldAndWaiting(PrintWriter w, LockAnalysis a, String heldTitle, String waitTitle) {
            List<LockView.HeldAtEnd> held = a.heldAtEnd();
            w.println();
            w.printf("%s: %d%n", heldTitle, held.size());
            for (LockView.HeldAtEnd h : held) {
                w.printf("  %s %s %s %s by %s%s since frame %d%n", h.server(), h.file(), h.lock().type(),
                        h.lock().range(), h.owner(), h.client() == null ? "" : " (" + h.client() + ")",
                        h.lock().grant().frame());
            }
            List<Wait> waits = a.waitersAtEnd();
            if (!waits.isEmpty()) {
                w.println();
                w.println(waitTitle + ":");
                for (Wait x : waits) {
                    w.printf("  %s waits for %s %s of %s since frame %d%n", x.waiter().label(), x.type(), x.range(),
                            x.file(), x.frame());
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
            w.printf("Capture      %s (%s, %d frames, %d bytes)%n", capture, s.format().label(), s.frames(), s.bytes());
            if (s.firstTimeNanos() >= 0) {
                w.printf("Span         %s .. %s (%.3f s)%n", Times.isoOnce(s.firstTimeNanos()),
                        Times.isoOnce(s.lastTimeNanos()), (s.lastTimeNanos() - s.firstTimeNanos()) / 1e9);
            }
            w.printf("Traffic      %d clients, %d TCP connections, %d NFSv4 COMPOUNDs, %d NLM and %d NSM calls%n",
                    a.clients.size(), s.tcpConnections(), a.nfs4Compounds, a.nlmCalls, a.nsmCalls);
            w.printf("RPC          %d calls, %d replies; %d unanswered, %d replies without their call, "
                    + "%d retransmitted calls%n", r.calls(), r.replies(), r.unansweredCalls(), r.orphanReplies(),
                    r.retransmittedCalls());
            Map<Severity, Long> sev = bySeverity(findings);
            w.printf("Findings     %d error, %d warning, %d info%n", sev.get(Severity.ERROR), sev.get(Severity.WARNING),
                    sev.get(Severity.INFO));
            w.printf("Diagnostics  %d%n", s.diagnostics());
            long hits = s.limits().connectionsEvicted() + s.limits().fragmentsDropped()
                    + s.limits().outOfOrderOverflows() + r.evictedCalls() + r.recentCallsForgotten()
                    + r.scanBudgetsExhausted();
            if (hits > 0) {
                w.printf("Limits hit   %d connections evicted, %d fragmented datagrams dropped, %d out-of-order"
                        + " overflows, %d unanswered calls forgotten, %d calls forgotten for cross-connection"
                        + " retransmission, %d non-RPC directions given up (see docs/robustness.md)%n",
                        s.limits().connectionsEvicted(), s.limits().fragmentsDropped(),
                        s.limits().outOfOrderOverflows(), r.evictedCalls(), r.recentCallsForgotten(),
                        r.scanBudgetsExhausted());
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
                w.printf("%s %s (%d) - %s%n", first.severity().jsonName().toUpperCase(), first.id(), group.size(),
                        first.type().title());
                w.printf("  %s%n", first.type().explanation());
                int shown = 0;
                List<String> frames = new ArrayList<>();
                for (Finding f : group) {
                    f.frames().forEach(x -> frames.add(String.valueOf(x)));
                    if (shown++ < 10) {
                        w.printf("  frame %-7d %s%n", f.frame(), f.message());
                    }
                }
                if (group.size() > 10) {
                    w.printf("  ... and %d more%n", group.size() - 10);
                }
                w.printf("  Reference: %s%n", first.reference());
                w.printf("  Wireshark: frame.number in {%s}%n", String.join(", ",
                        frames.subList(0, Math.min(frames.size(), 40))));
            }
            heldAndWaiting(w, a, "Locks held at the end of the capture", "Who waits for whom at the end of the capture");
            List<ContentionProfile.FileStats> top = a.view.contention().topContended(5);
            if (!top.isEmpty()) {
                w.println();
                w.println("Most contended files (lock requests, grants, denials; hold time median / p99 / max):");
                for (ContentionProfile.FileStats f : top) {
                    w.printf("  %-60s %6d %6d %6d", f.file(), f.requests(), f.grants(), f.denials());
                    if (f.holds().count() > 0) {
                        w.printf("   %.3f / %.3f / %.3f s", f.holds().median() / 1e9, f.holds().p99() / 1e9,
                                f.holds().max() / 1e9);
                    }
                    w.println();
                }
            }
            w.flush();
        }
    }
}
