package org.nfslockscope.lockview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How contended each file's locks are: counts of lock requests, grants, denials and polls,
 * and the distribution of waits (request to grant) and holds (grant to release).
 *
 * <p>It only accumulates: the state machine knows when a request started and a lock was
 * granted, and hands over the durations. Denials are contention, not errors (V4-OP-ERROR
 * leaves them to this profile). Memory per file is bounded by two {@link DurationHistogram}s.
 *
 * <p>The table is bounded too: a long capture may touch millions of files. Past {@link #DEFAULT_MAX_FILES}
 * files, the least interesting are folded into one {@link Others} aggregate — files never contended
 * first, least recently used first, and contended files only if there are more of them than the
 * table holds, the least contended and least recently used first. Figures of the files kept are exact
 * while they stay in the table; a folded file that comes back starts again from zero.
 */
public final class ContentionProfile {
    public static final int DEFAULT_MAX_FILES = 4096;

    private final int maxFiles;
    private final Map<String, FileStats> files = new HashMap<>();
    private final Others others = new Others();
    /** Ticks at every record, to tell recently used files from idle ones. */
    private long clock;

    public ContentionProfile() {
        this(DEFAULT_MAX_FILES);
    }

    /** A profile that keeps at most {@code maxFiles} files apart (at least 16). */
    public ContentionProfile(int maxFiles) {
        this.maxFiles = Math.max(16, maxFiles);
    }

    /** What the files folded out of the table had recorded, summed. */
    public static final class Others {
        private long files;
        private long requests;
        private long grants;
        private long denials;
        private long polls;

        /** Files folded; a file folded twice counts twice. */
        public long files() {
            return files;
        }

        public long requests() {
            return requests;
        }

        public long grants() {
            return grants;
        }

        public long denials() {
            return denials;
        }

        public long polls() {
            return polls;
        }

        void fold(FileStats f) {
            files++;
            requests += f.requests;
            grants += f.grants;
            denials += f.denials;
            polls += f.polls;
        }
    }

    /** The counters and durations of one file. */
    public static final class FileStats {
        private final String file;
        private long requests;
        private long grants;
        private long denials;
        private long polls;
        private final DurationHistogram waits = new DurationHistogram();
        private final DurationHistogram holds = new DurationHistogram();
        private long lastUsed;

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
        FileStats stats = files.get(file);
        if (stats == null) {
            if (files.size() >= maxFiles) {
                fold();
            }
            stats = new FileStats(file);
            files.put(file, stats);
        }
        stats.lastUsed = ++clock;
        return stats;
    }

    /** Folds a quarter of the table at once, so that the sort is paid once per many new files. */
    private void fold() {
        List<FileStats> order = new ArrayList<>(files.values());
        order.sort(Comparator.comparing((FileStats f) -> f.contention() > 0)
                .thenComparingLong(FileStats::contention)
                .thenComparingLong(f -> f.lastUsed));
        for (FileStats f : order.subList(0, maxFiles / 4)) {
            files.remove(f.file);
            others.fold(f);
        }
    }

    /** The files folded out of the table so far; {@code others().files()} is 0 when none was. */
    public Others others() {
        return others;
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

    /** All files kept in the table, in file-key order. */
    public List<FileStats> files() {
        List<FileStats> all = new ArrayList<>(files.values());
        all.sort(Comparator.comparing(FileStats::file));
        return all;
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
