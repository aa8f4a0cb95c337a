package org.nfslockscope.findings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The findings a report lists, in the order they were raised, with memory bounded however many a
 * capture raises. A client that breaks a rule on every request raises one finding per request: a
 * gigabyte of such traffic is a million findings, about a kilobyte each, more than the heap. So of
 * each id at each severity the first {@value #PER_KIND} are kept, and at most {@value #MAX_KEPT} in
 * all, except that the first finding of an id at a severity is always kept: every id and severity
 * raised stays listed, so that {@code --fail-on} and the per-id reports see each one. The rest are
 * counted, by id and severity, so that the report can give the totals and say what it left out.
 *
 * <p>A predicate chosen before the pass (a report's narrowing to a client, a file or a time)
 * decides what counts at all: a finding it rejects is neither kept nor counted, so the findings
 * kept are the first of those the report shows, not of all.
 */
public final class KeptFindings implements FindingSink {
    public static final int PER_KIND = 5_000;
    public static final int MAX_KEPT = 50_000;

    private final int perKind;
    private final int maxKept;
    private final List<Finding> kept = new ArrayList<>();
    /** Per id, findings raised at each severity (index: {@link Severity#ordinal()}). */
    private final Map<FindingType, long[]> raised = new EnumMap<>(FindingType.class);
    private long notKept;
    private Predicate<Finding> counts = f -> true;

    public KeptFindings() {
        this(PER_KIND, MAX_KEPT);
    }

    /** With other limits, for tests; each at least 1. */
    public KeptFindings(int perKind, int maxKept) {
        if (perKind < 1 || maxKept < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        this.perKind = perKind;
        this.maxKept = maxKept;
    }

    /** Only findings {@code p} accepts are kept and counted from now on. */
    public void countOnly(Predicate<Finding> p) {
        counts = p;
    }

    @Override
    public void report(Finding f) {
        if (!counts.test(f)) {
            return;
        }
        long[] bySeverity = raised.computeIfAbsent(f.type(), t -> new long[Severity.values().length]);
        long before = bySeverity[f.severity().ordinal()]++;
        if (before == 0 || (before < perKind && kept.size() < maxKept)) {
            kept.add(f);
        } else {
            notKept++;
        }
    }

    /** The findings kept, in the order they were raised. */
    public List<Finding> kept() {
        return Collections.unmodifiableList(kept);
    }

    /** Findings counted but not kept. */
    public long notKept() {
        return notKept;
    }

    /** Findings raised (kept or not) at each severity, leaving out the ids in {@code ignored}. */
    public Map<Severity, Long> raisedBySeverity(Set<FindingType> ignored) {
        Map<Severity, Long> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, 0L);
        }
        raised.forEach((type, counts) -> {
            if (!ignored.contains(type)) {
                for (Severity s : Severity.values()) {
                    out.merge(s, counts[s.ordinal()], Long::sum);
                }
            }
        });
        return out;
    }

    /** Findings raised (kept or not) of {@code type} at {@code severity}. */
    public long raised(FindingType type, Severity severity) {
        long[] counts = raised.get(type);
        return counts == null ? 0 : counts[severity.ordinal()];
    }
}
