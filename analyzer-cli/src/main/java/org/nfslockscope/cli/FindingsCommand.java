package org.nfslockscope.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.report.FindingsReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the finding catalog, or prints it as the Markdown reference committed in docs/. */
@Command(name = "findings",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Lists every finding id with its severity, whether it is evaluated yet, and its title.",
            "",
            "With --format markdown, prints the findings reference (what each id means, why it"
                    + " matters, what to do): the text of docs/findings.md.", ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the list was printed",
            "  2  usage error, or FILE cannot be written"})
public final class FindingsCommand implements Callable<Integer> {
    enum Format { text, markdown }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default): one line per id; markdown: the full reference")
    Format format;

    @picocli.CommandLine.Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        // UTF-8 whatever the locale: the reference contains '§' and '—', and is redirected to a file.
        try (PrintWriter out = new PrintWriter(new OutputStreamWriter(OutputTarget.open(output), StandardCharsets.UTF_8))) {
            if (format == Format.markdown) {
                out.print(FindingsReference.markdown());
            } else {
                java.util.Set<FindingType> checked = org.nfslockscope.analysis.LockView.checkedRules();
                for (FindingType t : FindingType.values()) {
                    out.printf("%-28s %-7s %-11s %s%n", t.id(), t.defaultSeverity().jsonName(),
                            checked.contains(t) ? "checked" : "not-yet", t.title());
                }
            }
        }
        return ExitCode.OK;
    }
}
