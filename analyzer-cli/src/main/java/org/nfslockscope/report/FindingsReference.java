package org.nfslockscope.report;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nfslockscope.findings.FindingType;

/**
 * Generates docs/findings.md from {@link FindingType}, the catalog the analyzer raises findings
 * from. The committed file is checked against this output by a test, so the published reference
 * cannot drift from the code. Regenerate with
 * {@code ./nfslockscope findings --format markdown > docs/findings.md}.
 */
public final class FindingsReference {

    /** The command that rewrites the committed reference; quoted by the file and by the test. */
    public static final String REGENERATE = "./nfslockscope findings --format markdown > docs/findings.md";

    private FindingsReference() {
    }

    /** The catalog grouped by family, in declaration order within a family. */
    public static Map<RuleFamily, List<FindingType>> byFamily() {
        return Arrays.stream(FindingType.values()).collect(Collectors.groupingBy(RuleFamily::of,
                () -> new EnumMap<>(RuleFamily.class), Collectors.toList()));
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Findings reference\n\n")
                .append("<!-- Generated from FindingType by `").append(REGENERATE).append("`; do not edit. -->\n\n")
                .append("Every finding nfslockscope reports carries one of these ids. Ids are stable: CI jobs may\n")
                .append("match on them (`nfslockscope check --ignore ID`). The severity is the default; a rule may\n")
                .append("raise or lower it for one finding, and the finding's message then says why.\n\n")
                .append("| severity | meaning |\n|---|---|\n")
                .append("| error | the protocol or data integrity was violated |\n")
                .append("| warning | likely a problem, but with benign explanations |\n")
                .append("| info | worth knowing, not a fault |\n");
        Map<RuleFamily, List<FindingType>> families = byFamily();
        md.append("\n## Contents\n\n");
        families.forEach((family, types) -> {
            md.append("* ").append(family.title()).append(": ");
            md.append(types.stream().map(t -> "[" + t.id() + "](#" + t.id().toLowerCase(Locale.ROOT) + ")")
                    .collect(Collectors.joining(", ")));
            md.append('\n');
        });
        families.forEach((family, types) -> {
            md.append("\n## ").append(family.title()).append("\n\n").append(family.summary()).append('\n');
            for (FindingType t : types) {
                md.append("\n### ").append(t.id()).append("\n\n")
                        .append("**").append(capitalised(t.title())).append("** (default severity: ")
                        .append(t.defaultSeverity().jsonName()).append(")\n\n")
                        .append("* What it means: ").append(t.explanation()).append('\n')
                        .append("* What to do: ").append(t.action()).append('\n')
                        .append("* Reference: ").append(t.reference()).append('\n');
            }
        });
        return md.toString();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
