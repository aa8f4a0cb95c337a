package org.nfslockscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.testing.TestCaptures;

class FindingsReferenceTest {

    @Test
    void committedReferenceIsWhatTheCatalogGenerates() throws IOException {
        Path committed = TestCaptures.projectRoot().resolve("docs/findings.md");
        String generated = FindingsReference.markdown();
        String actual = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        assertEquals(generated, actual, "docs/findings.md is out of date with FindingType; regenerate it with\n    "
                + FindingsReference.REGENERATE);
    }

    @Test
    void everyIdHasItsSectionWithMeaningActionAndReference() {
        String md = FindingsReference.markdown();
        for (FindingType t : FindingType.values()) {
            String section = md.substring(md.indexOf("\n### " + t.id() + "\n"));
            assertTrue(section.contains(t.explanation()) && section.contains(t.action())
                    && section.contains(t.reference()) && section.contains(t.defaultSeverity().jsonName()), t.id());
        }
    }

    @Test
    void familiesCoverTheCatalogOnceInOrder() {
        List<FindingType> listed = FindingsReference.byFamily().values().stream().flatMap(List::stream).toList();
        assertEquals(FindingType.values().length, listed.size());
        assertEquals(RuleFamily.RPC, RuleFamily.of(FindingType.CAP_GAP));
        assertEquals(RuleFamily.V4, RuleFamily.of(FindingType.V4_LEASE_LAPSE));
        assertEquals(RuleFamily.V40, RuleFamily.of(FindingType.V40_SEQID_GAP));
        assertEquals(RuleFamily.X, RuleFamily.of(FindingType.X_DEADLOCK));
    }
}
