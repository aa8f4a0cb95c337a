package org.nfslockscope.lockview;

import java.util.Comparator;
import java.util.Objects;

/** One maximal piece of bytes that an owner holds with one lock type. */
public record HeldLock(Owner owner, ByteRange range, LockType type, Grant grant) {

    /** By range, then owner: the order in which reports list the locks of a file. */
    public static final Comparator<HeldLock> BY_RANGE_THEN_OWNER =
            Comparator.comparing(HeldLock::range, ByteRange::compare).thenComparing(HeldLock::owner);

    public HeldLock {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(grant, "grant");
    }

    /** True if this lock stops {@code requester} from locking {@code wanted} with {@code wantedType}. */
    public boolean conflictsWith(Owner requester, ByteRange wanted, LockType wantedType) {
        return !owner.equals(requester) && range.overlaps(wanted) && type.conflictsWith(wantedType);
    }

    HeldLock withRange(ByteRange newRange) {
        return new HeldLock(owner, newRange, type, grant);
    }
}
