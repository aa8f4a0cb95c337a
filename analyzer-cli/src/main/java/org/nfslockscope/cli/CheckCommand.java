package org.nfslockscope.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
            "Prints one line per capture; --junit and --sarif write reports for",
            "CI dashboards and code-scanning viewers. A capture that cannot be read is",
            "reported on stderr; the others are still analysed, the reports still written,",
            "and the exit code is 2.",
            "",
            "Rules the lock view does not evaluate yet are reported as skipped in JUnit; SARIF",
            "lists every rule, with results only for findings. 'nfslockscope findings' marks",
            "which rules are evaluated.", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every capture was read and no finding is at or above --fail-on",
            "  1  findings at or above --fail-on (and every capture was read)",
            "  2  usage error, or a capture that cannot be read",
            "",
            "Finding ids: 'nfslockscope findings'; what they mean: docs/findings.md."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "CAPTURE",
            description = "pcap or pcapng files, optionally gzip- or bzip2-compressed")
    List<Path> captures;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            converter = SeverityConverter.class,
            description = "error (default), warning or info: the least grave severity that fails the run")
    Severity failOn;

    @Option(names = "--ignore", paramLabel = "ID", converter = FindingIdConverter.class,
            description = "drop findings with this id from the summary, the reports and the exit code;"
                    + " repeatable; unknown ids are a usage error")
    List<FindingType> ignored = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE",
            description = "write JUnit XML: a testsuite per capture, a testcase per finding id")
    Path junit;

    @Option(names = "--sarif", paramLabel = "FILE",
            description = "write SARIF 2.1.0: every finding id as a rule, every finding as a result")
    Path sarif;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CaptureAnalyzer analyzer;

    public CheckCommand() {
        this(Analyzers.standard());
    }

    /** With another analyzer: for tests, and for the lock view once it exists. */
    CheckCommand(CaptureAnalyzer analyzer) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        CheckPolicy policy = new CheckPolicy(failOn, Set.copyOf(ignored));
        List<CaptureResult> results = new ArrayList<>();
        try (OutputStream raw = OutputTarget.open(null);
             PrintWriter out = new PrintWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8))) {
            for (Path capture : captures) {
                CaptureResult r = analyse(capture, err);
                results.add(r);
                out.println(summary(r, policy));
                out.flush();
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
        return exitCode(results, policy);
    }

    private CaptureResult analyse(Path capture, PrintWriter err) {
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
        if (!r.readable()) {
            return "UNREADABLE " + r.error();  // the reason names the file already
        }
        List<Finding> reported = policy.reported(r);
        List<Finding> failing = policy.failing(r);
        StringBuilder s = new StringBuilder(failing.isEmpty() ? "OK " : "FAIL ")
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

    /** "error", "warning", "info", in any case. */
    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            for (Severity s : Severity.values()) {
                if (s.jsonName().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of error, warning, info");
        }
    }

    /** A catalog id such as V40-SEQID-GAP; anything else is a usage error, so typos do not silently ignore nothing. */
    static final class FindingIdConverter implements CommandLine.ITypeConverter<FindingType> {
        @Override
        public FindingType convert(String value) {
            return FindingType.byId(value.toUpperCase(Locale.ROOT)).orElseThrow(() ->
                    new CommandLine.TypeConversionException("unknown finding id '" + value
                            + "' (see 'nfslockscope findings')"));
        }
    }
}
