package org.nfslockscope.lockview;

import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An owner waiting for a lock: an NLM request answered BLOCKED, or an NFSv4 client polling
 * with READW/WRITEW or repeated LOCKs (protocol-notes §3.8), and the owners blocking it.
 *
 * @param waiter      who waits
 * @param file        the file key (fh hex, or path when known)
 * @param range       the bytes wanted
 * @param type        the lock type wanted
 * @param sinceNanos  when the wait started (capture time of the first request)
 * @param frame       the frame that showed the wait (BLOCKED or DENIED reply)
 * @param blockers    the owners holding conflicting locks; empty when the holder is unknown
 *                    (a local process on the server, or a lock from before the capture)
 */
public record Wait(Owner waiter, String file, ByteRange range, LockType type,
                   long sinceNanos, long frame, SortedSet<Owner> blockers) {

    static final Comparator<Wait> ORDER = Comparator.comparing(Wait::waiter)
            .thenComparing(Wait::file)
            .thenComparing(Wait::range, ByteRange::compare);

    public Wait {
        Objects.requireNonNull(waiter, "waiter");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(type, "type");
        TreeSet<Owner> copy = new TreeSet<>(blockers);
        copy.remove(waiter); // an owner never blocks itself (POSIX upgrade)
        blockers = Collections.unmodifiableSortedSet(copy);
    }

    /** The same wait with another set of blockers. */
    public Wait withBlockers(SortedSet<Owner> newBlockers) {
        return new Wait(waiter, file, range, type, sinceNanos, frame, newBlockers);
    }

    /** True if this is a wait of the same owner for the same bytes of the same file. */
    boolean sameRequest(Owner owner, String fileKey, ByteRange wanted) {
        return waiter.equals(owner) && file.equals(fileKey) && range.equals(wanted);
    }
}
