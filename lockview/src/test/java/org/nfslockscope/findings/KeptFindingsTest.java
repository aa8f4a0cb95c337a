package org.nfslockscope.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bounded list of findings a report shows, and the counts of all of them. */
class KeptFindingsTest {
    private long frame;

    private Finding finding(FindingType type, Severity severity) {
        frame++;
        return Finding.builder(type, frame, frame * 1000, "m" + frame).severity(severity).build();
    }

    @Test
    void keepsTheFirstOfEachIdAndSeverityAndCountsTheRest() {
        KeptFindings k = new KeptFindings(3, 100);
        List<Finding> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Finding f = finding(FindingType.X_DOUBLE_GRANT, Severity.ERROR);
            if (i < 3) {
                expected.add(f);
            }
            k.report(f);
            Finding w = finding(FindingType.X_DOUBLE_GRANT, Severity.WARNING);
            if (i < 3) {
                expected.add(w);
            }
            k.report(w);
        }
        assertEquals(expected.stream().sorted((a, b) -> Long.compare(a.frame(), b.frame())).toList(), k.kept());
        assertEquals(14, k.notKept());
        assertEquals(10, k.raised(FindingType.X_DOUBLE_GRANT, Severity.ERROR));
        assertEquals(Map.of(Severity.ERROR, 10L, Severity.WARNING, 10L, Severity.INFO, 0L), k.raisedBySeverity(Set.of()));
        assertEquals(0L, k.raisedBySeverity(Set.of(FindingType.X_DOUBLE_GRANT)).get(Severity.ERROR));
    }

    @Test
    void pastTheTotalOnlyTheFirstOfANewIdAndSeverityIsKept() {
        KeptFindings k = new KeptFindings(10, 4);
        for (int i = 0; i < 6; i++) {
            k.report(finding(FindingType.X_DOUBLE_GRANT, Severity.ERROR));
        }
        Finding firstHeld = finding(FindingType.X_HELD_AT_END, Severity.INFO);
        k.report(firstHeld);
        k.report(finding(FindingType.X_HELD_AT_END, Severity.INFO));
        assertEquals(5, k.kept().size());
        assertEquals(firstHeld, k.kept().get(4));
        assertEquals(3, k.notKept());
    }

    @Test
    void aFindingThePredicateRejectsIsNeitherKeptNorCounted() {
        KeptFindings k = new KeptFindings(2, 10);
        k.countOnly(f -> f.frame() % 2 == 0);
        for (int i = 0; i < 10; i++) {
            k.report(finding(FindingType.X_DOUBLE_GRANT, Severity.ERROR));
        }
        assertEquals(List.of(2L, 4L), k.kept().stream().map(Finding::frame).toList());
        assertEquals(5, k.raised(FindingType.X_DOUBLE_GRANT, Severity.ERROR));
        assertEquals(3, k.notKept());
    }

    @Test
    void limitsAreAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new KeptFindings(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new KeptFindings(1, 0));
    }
}
