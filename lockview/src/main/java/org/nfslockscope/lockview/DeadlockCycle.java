package org.nfslockscope.lockview;

import java.util.List;

/**
 * A cycle in the wait-for graph: {@code waits.get(i)} is owner i waiting for a lock that
 * owner i+1 (cyclically) holds. Starts at the smallest owner, so a cycle is reported the same
 * way every time.
 */
public record DeadlockCycle(List<Owner> owners, List<Wait> waits) {

    public DeadlockCycle {
        owners = List.copyOf(owners);
        waits = List.copyOf(waits);
        if (owners.size() != waits.size() || owners.size() < 2) {
            throw new IllegalArgumentException("a cycle needs one wait per owner and at least two owners");
        }
    }

    /** E.g. "A -> B -> A". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Owner owner : owners) {
            text.append(owner.label()).append(" -> ");
        }
        return text.append(owners.get(0).label()).toString();
    }
}
