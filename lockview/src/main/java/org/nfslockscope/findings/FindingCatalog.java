package org.nfslockscope.findings;

/**
 * Renders the finding catalog for the documentation, from {@link FindingType} itself, so that
 * the published reference always says what the analyzer does.
 */
public final class FindingCatalog {

    private FindingCatalog() {
    }

    /**
     * A Markdown reference: one section per finding with its severity, meaning, action and
     * specification reference, in catalog order.
     */
    public static String markdown() {
        StringBuilder md = new StringBuilder("# Finding reference\n\n")
                .append("Ids are stable: scripts and CI jobs may match on them. The severity shown is the default;")
                .append(" a rule may raise or lower it for one finding, and the finding's message says why.\n");
        for (FindingType type : FindingType.values()) {
            md.append("\n## ").append(type.id()).append(" — ").append(type.title()).append('\n')
                    .append("\n* **Default severity**: ").append(type.defaultSeverity().jsonName())
                    .append("\n* **Meaning**: ").append(type.explanation())
                    .append("\n* **Action**: ").append(type.action())
                    .append("\n* **Reference**: ").append(type.reference())
                    .append('\n');
        }
        return md.toString();
    }
}
