package org.nfslockscope.lockview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How contended each file's locks are: counts of lock requests, grants, denials and polls,
 * and the distribution of waits (request to grant) and holds (grant to release).
 *
 * <p>It only accumulates: the state machine knows when a request started and a lock was
 * granted, and hands over the durations. Denials are contention, not errors (V4-OP-ERROR
 * leaves them to this profile). Memory per file is bounded by two {@link DurationHistogram}s.
 */
public final class ContentionProfile {

    private final Map<String, FileStats> files = new TreeMap<>();

    /** The counters and durations of one file. */
    public static final class FileStats {
        private final String file;
        private long requests;
        private long grants;
        private long denials;
        private long polls;
        private final DurationHistogram waits = new DurationHistogram();
        private final DurationHistogram holds = new DurationHistogram();

        FileStats(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }

        /** Lock requests (NFSv4 LOCK, NLM LOCK), not counting retransmissions or polls. */
        public long requests() {
            return requests;
        }

        public long grants() {
            return grants;
        }

        /** Requests refused because of a conflict: NFS4ERR_DENIED, NLM DENIED or BLOCKED. */
        public long denials() {
            return denials;
        }

        /** Repeated requests of a waiting owner (NFSv4 clients poll; Linux backs off 1 s to 30 s). */
        public long polls() {
            return polls;
        }

        /** Request to grant, for granted requests. */
        public DurationHistogram waits() {
            return waits;
        }

        /** Grant to release, for released locks. */
        public DurationHistogram holds() {
            return holds;
        }

        /** Denials plus polls: how often someone had to wait for this file. */
        public long contention() {
            return denials + polls;
        }
    }

    private FileStats of(String file) {
        return files.computeIfAbsent(file, FileStats::new);
    }

    public void recordRequest(String file) {
        of(file).requests++;
    }

    public void recordPoll(String file) {
        of(file).polls++;
    }

    public void recordDenial(String file) {
        of(file).denials++;
    }

    /** A grant, {@code waitNanos} after the owner first asked (0 for an immediate grant). */
    public void recordGrant(String file, long waitNanos) {
        FileStats stats = of(file);
        stats.grants++;
        stats.waits.record(waitNanos);
    }

    /** A release of a lock held for {@code holdNanos}. */
    public void recordRelease(String file, long holdNanos) {
        of(file).holds.record(holdNanos);
    }

    /** The statistics of one file, or null if nothing was recorded for it. */
    public FileStats file(String file) {
        return files.get(file);
    }

    /** All files, in file-key order. */
    public List<FileStats> files() {
        return List.copyOf(files.values());
    }

    /**
     * The {@code n} most contended files: most denials plus polls first, then the longest
     * worst wait, then file key so that the order is stable. Files without contention are left out.
     */
    public List<FileStats> topContended(int n) {
        List<FileStats> contended = new ArrayList<>();
        for (FileStats stats : files.values()) {
            if (stats.contention() > 0) {
                contended.add(stats);
            }
        }
        contended.sort(Comparator.comparingLong(FileStats::contention).reversed()
                .thenComparing(Comparator.comparingLong((FileStats s) -> s.waits().max()).reversed())
                .thenComparing(FileStats::file));
        return contended.subList(0, Math.min(n, contended.size()));
    }
}
