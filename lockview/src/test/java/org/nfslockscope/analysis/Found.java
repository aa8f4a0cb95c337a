package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.nfslockscope.findings.Finding;

/** Picking one rule's findings out of a run, for rule tests. */
final class Found {
    private Found() {
    }

    static List<Finding> of(List<Finding> all, String id) {
        return all.stream().filter(f -> f.id().equals(id)).toList();
    }

    /** The run's one finding of the rule, which must be raised in {@code frame}. */
    static Finding only(List<Finding> all, String id, long frame) {
        List<Finding> found = of(all, id);
        assertEquals(1, found.size(), all.toString());
        assertEquals(frame, found.get(0).frame());
        return found.get(0);
    }
}
