package org.nfslockscope.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.report.CaptureAnalyzer;
import org.nfslockscope.report.CaptureResult;
import org.nfslockscope.report.CheckPolicy;
import org.nfslockscope.report.JunitWriter;
import org.nfslockscope.report.SarifWriter;
import org.nfslockscope.report.UnreadableCaptureException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The CI gate: analyses captures, writes JUnit and SARIF, and says by its exit code whether to fail. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "The CI gate: analyses each capture and exits 1 if a finding is at or above --fail-on.",
            "",
            "Prints one line per capture (or, with --format, the same check as JSON, JUnit XML or"
                    + " SARIF); --junit and --sarif also write reports to files for CI dashboards and"
                    + " code-scanning viewers. A capture that cannot be read is reported on stderr; the"
                    + " others are still analysed, the reports still written, and the exit code is 2.",
            "",
            "Rules the lock view does not evaluate yet are reported as skipped in JUnit; SARIF lists"
                    + " every rule, with results only for findings. 'nfslockscope findings' marks which"
                    + " rules are evaluated.", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"    0  every capture was read and no finding is at or above --fail-on",
            "    1  findings at or above --fail-on (and every capture was read)",
            "    2  usage error, or a capture that cannot be read",
            "  130  interrupted (Ctrl-C): what was read is reported, marked as interrupted",
            "",
            "Finding ids: 'nfslockscope findings'; what they mean: docs/findings.md."})
public final class CheckCommand implements Callable<Integer> {
    enum Format { text, json, junit, sarif }

    @Parameters(arity = "1..*", paramLabel = "CAPTURE",
            description = "pcap or pcapng files, optionally gzip- or bzip2-compressed")
    List<Path> captures;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "what goes to standard output (or -o FILE): text (default, one line per capture),"
                    + " json, junit or sarif")
    Format format;

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.Mixin
    ThreadsOption threads;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "also write JUnit XML to FILE: a testsuite per capture, a testcase per finding id")
    Path junit;

    @Option(names = "--sarif", paramLabel = "FILE",
            description = "also write SARIF 2.1.0 to FILE: every finding id as a rule, every finding as a result")
    Path sarif;

    @CommandLine.ArgGroup(exclusive = false, heading = "%nNarrowing the check (the analysis always reads the whole capture):%n")
    ReportFilter filter = new ReportFilter();

    @CommandLine.ArgGroup(validate = false, heading = "%nWhat the analysis assumes, what fails the run:%n")
    Thresholds thresholds = new Thresholds();

    @CommandLine.ArgGroup(validate = false, heading = "%nOn the terminal:%n")
    DisplayOptions display = new DisplayOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by Ctrl-C; tests replace it to stop at a known frame. */
    Interrupt interrupt = new Interrupt();

    /** Null: the lock view with the --lease and --grace given. */
    private final CaptureAnalyzer analyzer;

    public CheckCommand() {
        this.analyzer = null;
    }

    /** With another analyzer: for tests that need findings no capture produces. */
    CheckCommand(CaptureAnalyzer analyzer) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        filter.validate(spec.commandLine());
        Settings settings = thresholds.settings(spec.commandLine());
        CaptureInput.Control control = threads.apply(display.control(interrupt), spec.commandLine());
        if (filter.fileIsName()) {
            filter.names = new FileNames();
            control = control.learning(filter.names);
        }
        CaptureAnalyzer using = analyzer != null ? analyzer
                : Analyzers.standard(settings, control, filter);
        CheckPolicy policy = new CheckPolicy(thresholds.failOn, filter.ignoredIds());
        Style style = display.style(output.file);
        List<CaptureResult> results = new ArrayList<>();
        String interruptedCapture = null;
        try (OutputStream raw = OutputTarget.open(output);
             PrintWriter out = new PrintWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8))) {
            Interrupt.Handle sigint = interrupt.onSigint();
            try {
                for (Path capture : captures) {
                    CaptureResult r = narrowed(analyse(using, capture, err));
                    results.add(r);
                    if (format == Format.text) {
                        out.println(summary(r, policy, style) + (interrupt.interruptedPass()
                                ? style.bad(" (INTERRUPTED after frame " + interrupt.stoppedAfter() + ")") : ""));
                        out.flush();
                    }
                    if (interrupt.requested()) {
                        interruptedCapture = capture.toString();
                        break;
                    }
                }
            } finally {
                sigint.close();
            }
            switch (format) {
                case json -> json(raw, results, policy, interruptedCapture);
                case junit -> new JunitWriter(policy, VersionProvider.version()).write(results, raw);
                case sarif -> new SarifWriter(policy, VersionProvider.version(), null).write(results, raw);
                default -> { }
            }
        }
        List<CaptureResult> read = results.stream().filter(CaptureResult::readable).toList();
        if (!read.isEmpty() && read.stream().allMatch(r -> r.checked().isEmpty())) {
            err.println("nfslockscope: note: no rule was checked; this version does not analyse locks yet");
        }
        try {
            writeReports(results, policy);
        } catch (IOException e) {
            err.println("nfslockscope: cannot write report: " + e.getMessage());
            return ExitCode.USAGE_OR_INPUT;
        }
        if (interruptedCapture != null) {
            err.println("nfslockscope: interrupted" + (interrupt.interruptedPass()
                    ? " after frame " + interrupt.stoppedAfter() + " of " + interruptedCapture : "")
                    + "; " + (captures.size() - results.size()) + " of " + captures.size()
                    + " captures not checked; reports cover what was read");
            err.flush();
            return Interrupt.EXIT_CODE;
        }
        return exitCode(results, policy);
    }

    /** --client, --server, --file, --since, --until; --ignore is the policy's, so JUnit can say what was ignored. */
    private CaptureResult narrowed(CaptureResult r) {
        if (!r.readable()) {
            return r;
        }
        return new CaptureResult(r.capture(), r.format(), r.frames(),
                r.findings().stream().filter(filter::keepIgnoringIds).toList(), r.checked(), r.diagnosticCount(),
                r.diagnostics(), null);
    }

    /** A document for scripts: per capture its status, counts, failing ids and the findings reported. */
    private void json(OutputStream raw, List<CaptureResult> results, CheckPolicy policy, String interruptedCapture)
            throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", VersionProvider.toolObject());
        doc.put("failOn", policy.failOn().jsonName());
        doc.put("ignored", policy.ignored().stream().map(FindingType::id).sorted().toList());
        List<Map<String, Object>> caps = new ArrayList<>();
        for (CaptureResult r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("path", r.capture().toString());
            if (!r.readable()) {
                c.put("status", "unreadable");
                c.put("error", r.error());
                caps.add(c);
                continue;
            }
            List<Finding> reported = policy.reported(r);
            List<Finding> failing = policy.failing(r);
            c.put("status", failing.isEmpty() ? "ok" : "fail");
            c.put("format", r.format());
            c.put("frames", r.frames());
            c.put("diagnostics", r.diagnosticCount());
            Map<String, Object> bySev = new LinkedHashMap<>();
            AnalyzeCommand.bySeverity(reported).forEach((k, v) -> bySev.put(k.jsonName(), v));
            c.put("findingsBySeverity", bySev);
            c.put("failing", failing.stream().map(Finding::id).distinct().toList());
            c.put("findings", reported.stream().map(Finding::toJson).toList());
            caps.add(c);
        }
        doc.put("captures", caps);
        if (interruptedCapture != null) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("capture", interruptedCapture);
            if (interrupt.interruptedPass()) {
                i.put("frame", interrupt.stoppedAfter());
            }
            doc.put("interrupted", i);
        }
        JsonGenerator g = new JsonFactory().createGenerator(raw, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        AnalyzeCommand.writeTree(g, doc);
        g.flush();
        raw.write('\n');
    }

    private static CaptureResult analyse(CaptureAnalyzer analyzer, Path capture, PrintWriter err) {
        try {
            return analyzer.analyze(capture);
        } catch (UnreadableCaptureException e) {
            err.println("nfslockscope: " + e.getMessage());
            err.flush();
            return CaptureResult.unreadable(capture, e.getMessage());
        }
    }

    private void writeReports(List<CaptureResult> results, CheckPolicy policy) throws IOException {
        if (junit != null) {
            try (OutputStream o = OutputTarget.open(junit)) {
                new JunitWriter(policy, VersionProvider.version()).write(results, o);
            }
        }
        if (sarif != null) {
            try (OutputStream o = OutputTarget.open(sarif)) {
                new SarifWriter(policy, VersionProvider.version(), null).write(results, o);
            }
        }
    }

    /** design.md: 2 if a capture could not be looked at, else 1 if a finding fails the gate, else 0. */
    static int exitCode(List<CaptureResult> results, CheckPolicy policy) {
        if (results.stream().anyMatch(r -> !r.readable())) {
            return ExitCode.USAGE_OR_INPUT;
        }
        return results.stream().anyMatch(r -> !policy.failing(r).isEmpty()) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /**
     * E.g. "FAIL x.pcap: pcap, 812 frames, 0 diagnostics; 3 findings (1 error, 2 warning);
     * failing: V40-SEQID-GAP".
     */
    static String summary(CaptureResult r, CheckPolicy policy) {
        return summary(r, policy, Style.PLAIN);
    }

    static String summary(CaptureResult r, CheckPolicy policy, Style style) {
        if (!r.readable()) {
            return style.bad("UNREADABLE") + " " + r.error();  // the reason names the file already
        }
        List<Finding> reported = policy.reported(r);
        List<Finding> failing = policy.failing(r);
        StringBuilder s = new StringBuilder(failing.isEmpty() ? style.good("OK") + " " : style.bad("FAIL") + " ")
                .append(r.capture()).append(": ").append(r.format()).append(", ")
                .append(r.frames()).append(" frames, ").append(r.diagnosticCount()).append(" diagnostics; ");
        if (reported.isEmpty()) {
            s.append("no findings");
        } else {
            Map<Severity, Long> bySeverity = reported.stream().collect(Collectors.groupingBy(Finding::severity,
                    () -> new EnumMap<>(Severity.class), Collectors.counting()));
            s.append(reported.size()).append(reported.size() == 1 ? " finding (" : " findings (")
                    .append(bySeverity.entrySet().stream().sorted(Map.Entry.<Severity, Long>comparingByKey().reversed())
                            .map(e -> e.getValue() + " " + e.getKey().jsonName()).collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (!failing.isEmpty()) {
            s.append("; failing: ").append(failing.stream().map(Finding::id).distinct().collect(Collectors.joining(", ")));
        }
        return s.toString();
    }
}
