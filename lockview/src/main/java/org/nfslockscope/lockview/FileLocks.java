package org.nfslockscope.lockview;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The byte-range locks held on one file, per owner, with POSIX semantics (protocol-notes §2.5):
 * a lock replaces the owner's type on its range (upgrade or downgrade), same-type pieces of
 * one owner that overlap or touch merge, and an unlock of a sub-range splits a piece. Linux
 * clients rely on this model and Linux nfsd implements it, so the view must follow it too.
 *
 * <p>This class records what the server did; it never refuses a lock. Detectors ask
 * {@link #conflicts} before recording a grant to decide whether the grant was legal.
 *
 * <p>Invariant, per owner: pieces do not overlap, and no two pieces of the same type touch.
 * Per owner the pieces are few (a process locks a handful of ranges of a file), so
 * operations scan the owner's pieces linearly; that keeps the code obviously correct.
 */
public final class FileLocks {

    /** Per owner, its pieces keyed by unsigned offset. */
    private final NavigableMap<Owner, NavigableMap<Long, HeldLock>> byOwner = new TreeMap<>();

    /**
     * Records that {@code owner} now holds {@code range} with {@code type}. Whatever the owner
     * held on those bytes is replaced; same-type neighbours merge into one piece whose grant
     * is the earliest of the merged ones ({@link Grant#mergedWith}) and whose knowledge is
     * INFERRED if any of its bytes rests only on an inference; the new bytes of a different
     * type get {@code grant} alone.
     */
    public void lock(Owner owner, ByteRange range, LockType type, Grant grant) {
        NavigableMap<Long, HeldLock> pieces = byOwner.computeIfAbsent(owner, o -> newPieceMap());
        ByteRange merged = range;
        Grant mergedGrant = grant;
        // Knowledge is per byte the strongest evidence for it, and per piece the weakest byte:
        // re-confirming a held lock must not weaken it, and an inference must not spread to
        // bytes that were known.
        Knowledge newBytesKnowledge = grant.knowledge();
        Knowledge piecesKnowledge = Knowledge.KNOWN;
        List<HeldLock> remainders = new ArrayList<>();
        for (Iterator<HeldLock> it = pieces.values().iterator(); it.hasNext(); ) {
            HeldLock piece = it.next();
            if (piece.type() == type && piece.range().overlapsOrTouches(range)) {
                // Same type: absorb the whole piece. It cannot reach a different-type piece
                // beyond the new range, because the owner's pieces never overlap.
                merged = merged.span(piece.range());
                mergedGrant = mergedGrant.mergedWith(piece.grant());
                if (piece.range().contains(range)) {
                    // The new grant re-confirms bytes already held: either source is enough.
                    newBytesKnowledge = newBytesKnowledge.strongest(piece.grant().knowledge());
                }
                if (range.contains(piece.range())) {
                    piecesKnowledge = piecesKnowledge.weakest(piece.grant().knowledge().strongest(grant.knowledge()));
                } else {
                    piecesKnowledge = piecesKnowledge.weakest(piece.grant().knowledge());
                }
                it.remove();
            } else if (piece.type() != type && piece.range().overlaps(range)) {
                // Other type: the new lock takes over the common bytes (upgrade/downgrade).
                it.remove();
                addOutside(remainders, piece, range);
            }
        }
        putAll(pieces, remainders);
        mergedGrant = mergedGrant.withKnowledge(newBytesKnowledge.weakest(piecesKnowledge));
        pieces.put(merged.offset(), new HeldLock(owner, merged, type, mergedGrant));
    }

    /**
     * Releases {@code range} for {@code owner}, splitting pieces that extend beyond it.
     * Unlocking bytes that are not held is not an error (POSIX and NFSv4 allow it).
     *
     * @return the released parts, in offset order (empty if the owner held none of those bytes)
     */
    public List<HeldLock> unlock(Owner owner, ByteRange range) {
        NavigableMap<Long, HeldLock> pieces = byOwner.get(owner);
        if (pieces == null) {
            return List.of();
        }
        List<HeldLock> released = new ArrayList<>();
        List<HeldLock> remainders = new ArrayList<>();
        for (Iterator<HeldLock> it = pieces.values().iterator(); it.hasNext(); ) {
            HeldLock piece = it.next();
            ByteRange common = piece.range().intersection(range);
            if (common == null) {
                continue;
            }
            it.remove();
            released.add(piece.withRange(common));
            addOutside(remainders, piece, range);
        }
        putAll(pieces, remainders);
        if (pieces.isEmpty()) {
            byOwner.remove(owner);
        }
        return released;
    }

    /**
     * Releases everything {@code owner} holds on this file (CLOSE of the parent open,
     * RELEASE_LOCKOWNER, lease expiry, an NSM reboot notice).
     *
     * @return the released pieces, in offset order
     */
    public List<HeldLock> unlockAll(Owner owner) {
        NavigableMap<Long, HeldLock> pieces = byOwner.remove(owner);
        return pieces == null ? List.of() : List.copyOf(pieces.values());
    }

    /**
     * The pieces of other owners that stop {@code requester} from locking {@code range} with
     * {@code type}: overlapping, and at least one of the two is a WRITE. The requester's own
     * locks never conflict (that is an upgrade, downgrade or merge).
     *
     * @return the conflicting pieces, ordered by range then owner
     */
    public List<HeldLock> conflicts(Owner requester, ByteRange range, LockType type) {
        // Asked on every grant and request; most files have no conflicting piece, so no stream.
        List<HeldLock> out = null;
        for (NavigableMap<Long, HeldLock> pieces : byOwner.values()) {
            for (HeldLock piece : pieces.values()) {
                if (piece.conflictsWith(requester, range, type)) {
                    if (out == null) {
                        out = new ArrayList<>();
                    }
                    out.add(piece);
                }
            }
        }
        if (out == null) {
            return List.of();
        }
        out.sort(HeldLock.BY_RANGE_THEN_OWNER);
        return Collections.unmodifiableList(out);
    }

    /** The owners whose locks conflict with the request, in owner order. */
    public SortedSet<Owner> conflictingOwners(Owner requester, ByteRange range, LockType type) {
        SortedSet<Owner> owners = new TreeSet<>();
        for (HeldLock piece : conflicts(requester, range, type)) {
            owners.add(piece.owner());
        }
        return owners;
    }

    /** The pieces {@code owner} holds, in offset order. */
    public List<HeldLock> heldBy(Owner owner) {
        NavigableMap<Long, HeldLock> pieces = byOwner.get(owner);
        return pieces == null ? List.of() : List.copyOf(pieces.values());
    }

    /**
     * True if {@code owner} holds every byte of {@code range} with a lock at least as strong as
     * {@code type} (a WRITE lock covers a READ need).
     */
    public boolean covers(Owner owner, ByteRange range, LockType type) {
        List<ByteRange> missing = new ArrayList<>(List.of(range));
        for (HeldLock piece : heldBy(owner)) {
            if (type == LockType.WRITE && piece.type() != LockType.WRITE) {
                continue;
            }
            List<ByteRange> next = new ArrayList<>();
            for (ByteRange gap : missing) {
                next.addAll(gap.minus(piece.range()));
            }
            missing = next;
        }
        return missing.isEmpty();
    }

    /** The owners that hold at least one lock on this file, in owner order. */
    public SortedSet<Owner> holders() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byOwner.keySet()));
    }

    /** Every held piece, ordered by range then owner. */
    public List<HeldLock> all() {
        return pieces().sorted(HeldLock.BY_RANGE_THEN_OWNER).toList();
    }

    /** The protocols through which the current locks were taken (X-MIXED-PROTOCOL). */
    public SortedSet<Protocol> protocols() {
        return pieces().map(piece -> piece.grant().protocol())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** True if pieces held through more than one protocol: {@code protocols().size() > 1}, without the set. */
    public boolean mixesProtocols() {
        Protocol first = null;
        for (NavigableMap<Long, HeldLock> pieces : byOwner.values()) {
            for (HeldLock piece : pieces.values()) {
                Protocol p = piece.grant().protocol();
                if (first == null) {
                    first = p;
                } else if (p != first) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if nobody holds a lock on this file. */
    public boolean isEmpty() {
        return byOwner.isEmpty();
    }

    private Stream<HeldLock> pieces() {
        return byOwner.values().stream().flatMap(pieces -> pieces.values().stream());
    }

    /**
     * Adds the parts of {@code piece} outside {@code range}, keeping the piece's type and grant.
     * A loop rather than a stream: this runs on every unlock.
     */
    private static void addOutside(List<HeldLock> into, HeldLock piece, ByteRange range) {
        List<ByteRange> parts = piece.range().minus(range);
        for (int i = 0; i < parts.size(); i++) {
            into.add(piece.withRange(parts.get(i)));
        }
    }

    private static void putAll(NavigableMap<Long, HeldLock> pieces, List<HeldLock> more) {
        for (HeldLock piece : more) {
            pieces.put(piece.range().offset(), piece);
        }
    }

    private static NavigableMap<Long, HeldLock> newPieceMap() {
        return new TreeMap<>(Long::compareUnsigned);
    }

    @Override
    public String toString() {
        return all().toString();
    }
}
