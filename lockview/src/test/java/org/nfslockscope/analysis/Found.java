package org.nfslockscope.analysis;

import java.util.List;
import org.nfslockscope.findings.Finding;

/** Picking one rule's findings out of a run, for rule tests. */
final class Found {
    private Found() {
    }

    static List<Finding> of(List<Finding> all, String id) {
        return all.stream().filter(f -> f.id().equals(id)).toList();
    }
}
