package org.nfslockscope.lockview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.lockview.LockType.READ;
import static org.nfslockscope.lockview.LockType.WRITE;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FileLocksTest {

    private static final long MAX = ByteRange.MAX_OFFSET;
    private static final Owner A = Owner.nfs4(0xaaL, new byte[] {1});
    private static final Owner B = Owner.nfs4(0xaaL, new byte[] {2}); // same client, other owner
    private static final Owner N = Owner.nlm("hostn", 42, new byte[] {9});

    private static Grant at(long t) {
        return new Grant(t, t, Knowledge.KNOWN, Protocol.NFS4);
    }

    private static ByteRange r(long offset, long end) {
        return ByteRange.of(offset, end);
    }

    /** The owner's pieces as (range, type) pairs, for compact assertions. */
    private static List<String> shape(FileLocks locks, Owner owner) {
        return locks.heldBy(owner).stream().map(h -> h.range() + " " + h.type()).toList();
    }

    @Test
    void overlappingSameTypeLocksMerge() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 49), WRITE, at(1));
        locks.lock(A, r(40, 99), WRITE, at(2));
        assertEquals(List.of("[0, 99] WRITE"), shape(locks, A));
        assertEquals(1, locks.heldBy(A).get(0).grant().sinceNanos(), "merged piece keeps the earliest grant");
    }

    @Test
    void adjacentSameTypeLocksMergeButDifferentTypesDoNot() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 9), READ, at(1));
        locks.lock(A, r(10, 19), READ, at(2));
        locks.lock(A, r(20, 29), WRITE, at(3));
        assertEquals(List.of("[0, 19] READ", "[20, 29] WRITE"), shape(locks, A));
    }

    @Test
    void lockBridgingTwoPiecesMergesAllThree() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 9), READ, at(5));
        locks.lock(A, r(20, 29), READ, at(3));
        locks.lock(A, r(10, 19), READ, at(9));
        assertEquals(List.of("[0, 29] READ"), shape(locks, A));
        assertEquals(3, locks.heldBy(A).get(0).grant().sinceNanos());
    }

    @Test
    void upgradeInTheMiddleSplitsTheReadLock() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 99), READ, at(1));
        locks.lock(A, r(40, 59), WRITE, at(2));
        assertEquals(List.of("[0, 39] READ", "[40, 59] WRITE", "[60, 99] READ"), shape(locks, A));
        assertEquals(1, locks.heldBy(A).get(2).grant().sinceNanos(), "remainders keep their grant");
        assertEquals(2, locks.heldBy(A).get(1).grant().frame());
    }

    @Test
    void downgradeOfPartOfAWriteLock() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 99), WRITE, at(1));
        locks.lock(A, r(50, 99), READ, at(2));
        assertEquals(List.of("[0, 49] WRITE", "[50, 99] READ"), shape(locks, A));
        // Now B may read-lock the downgraded part but not the written part.
        assertTrue(locks.conflicts(B, r(50, 60), READ).isEmpty());
        assertEquals(1, locks.conflicts(B, r(40, 60), READ).size());
    }

    @Test
    void lockOverMixedPiecesReplacesTypeAndMergesWithSameType() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 60), READ, at(1));
        locks.lock(A, r(61, 100), WRITE, at(2));
        locks.lock(A, r(50, 150), READ, at(3));
        assertEquals(List.of("[0, 150] READ"), shape(locks, A));
    }

    @Test
    void upgradeOfTheWholeRangeLeavesOnePiece() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(10, 19), READ, at(1));
        locks.lock(A, r(0, 29), WRITE, at(2));
        assertEquals(List.of("[0, 29] WRITE"), shape(locks, A));
    }

    @Test
    void unlockOfASubRangeSplits() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 99), WRITE, at(1));
        List<HeldLock> released = locks.unlock(A, r(40, 59));
        assertEquals(List.of("[0, 39] WRITE", "[60, 99] WRITE"), shape(locks, A));
        assertEquals(1, released.size());
        assertEquals(r(40, 59), released.get(0).range());
        assertEquals(1, released.get(0).grant().sinceNanos(), "released part says since when it was held");
    }

    @Test
    void unlockAcrossSeveralPieces() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 9), READ, at(1));
        locks.lock(A, r(10, 19), WRITE, at(2));
        locks.lock(A, r(30, 39), READ, at(3));
        locks.lock(A, r(50, 59), WRITE, at(4));
        List<HeldLock> released = locks.unlock(A, r(5, 34));
        assertEquals(List.of("[0, 4] READ", "[35, 39] READ", "[50, 59] WRITE"), shape(locks, A));
        assertEquals(List.of(r(5, 9), r(10, 19), r(30, 34)), released.stream().map(HeldLock::range).toList());
    }

    @Test
    void unlockOfEverythingForgetsTheOwner() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 9), READ, at(1));
        locks.unlock(A, ByteRange.WHOLE_FILE);
        assertTrue(locks.isEmpty());
        assertEquals(Set.of(), locks.holders());
        assertTrue(locks.unlock(A, r(0, 9)).isEmpty(), "unlocking what is not held is allowed");
        assertTrue(locks.unlock(B, r(0, 9)).isEmpty());
    }

    @Test
    void eofLocksMergeAndSplitAtTheLastOffset() {
        FileLocks locks = new FileLocks();
        locks.lock(A, ByteRange.ofNfs4(100, -1L), WRITE, at(1));
        locks.lock(A, r(0, 99), WRITE, at(2));
        assertEquals(List.of("[0, EOF] WRITE"), shape(locks, A));
        locks.unlock(A, r(MAX, MAX));
        assertEquals(List.of("[0, 18446744073709551614] WRITE"), shape(locks, A));
        locks.lock(A, r(MAX, MAX), READ, at(3));
        assertEquals(List.of("[0, 18446744073709551614] WRITE", "[18446744073709551615, EOF] READ"), shape(locks, A));
        assertEquals(1, locks.conflicts(B, r(MAX, MAX), WRITE).size());
        assertTrue(locks.conflicts(B, r(MAX, MAX), READ).isEmpty());
    }

    @Test
    void offsetsAboveTwoToTheSixtyThreeOrderUnsigned() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(Long.MIN_VALUE, Long.MIN_VALUE + 9), READ, at(1)); // 2^63
        locks.lock(A, r(0, 9), READ, at(2));
        assertEquals(List.of("[0, 9] READ", "[9223372036854775808, 9223372036854775817] READ"), shape(locks, A));
        locks.lock(A, r(10, Long.MAX_VALUE), READ, at(3));
        assertEquals(List.of("[0, 9223372036854775817] READ"), shape(locks, A));
    }

    @Test
    void conflictsNeedOverlapDifferentOwnerAndAWrite() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 9), WRITE, at(1));
        locks.lock(B, r(20, 29), READ, at(2));
        assertEquals(List.of(A), locks.conflicts(B, r(5, 25), READ).stream().map(HeldLock::owner).toList());
        assertTrue(locks.conflicts(B, r(10, 19), WRITE).isEmpty(), "touching is not overlapping");
        assertTrue(locks.conflicts(A, r(0, 29), READ).isEmpty(), "read/read and own locks never conflict");
        assertTrue(locks.conflicts(A, r(0, 9), WRITE).isEmpty(), "same owner: an upgrade, not a conflict");
        assertEquals(List.of(B), locks.conflicts(A, r(0, 29), WRITE).stream().map(HeldLock::owner).toList());
        assertEquals(Set.of(A, B), locks.conflictingOwners(N, ByteRange.WHOLE_FILE, WRITE));
    }

    @Test
    void conflictsAreListedByRangeThenOwner() {
        FileLocks locks = new FileLocks();
        locks.lock(B, r(0, 9), READ, at(1));
        locks.lock(A, r(50, 59), READ, at(2));
        locks.lock(A, r(0, 4), READ, at(3));
        List<HeldLock> found = locks.conflicts(N, ByteRange.WHOLE_FILE, WRITE);
        assertEquals(List.of(r(0, 4), r(0, 9), r(50, 59)), found.stream().map(HeldLock::range).toList());
        assertEquals(List.of(A, B, A), found.stream().map(HeldLock::owner).toList());
    }

    @Test
    void mergingAKnownAndAnInferredPieceIsInferred() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 9), READ, at(1));
        locks.lock(A, r(5, 19), READ, new Grant(2, 2, Knowledge.INFERRED, Protocol.NFS4));
        HeldLock merged = locks.heldBy(A).get(0);
        assertEquals(Knowledge.INFERRED, merged.grant().knowledge());
        assertEquals(1, merged.grant().frame());
    }

    @Test
    void reconfirmingAHeldLockNeverWeakensItsKnowledge() {
        Grant inferred = new Grant(2, 2, Knowledge.INFERRED, Protocol.NFS4);
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 99), READ, at(1));
        locks.lock(A, r(10, 19), READ, inferred);
        assertEquals(Knowledge.KNOWN, locks.heldBy(A).get(0).grant().knowledge(), "inference inside known bytes");
        locks.lock(A, r(0, 99), READ, inferred);
        assertEquals(Knowledge.KNOWN, locks.heldBy(A).get(0).grant().knowledge(), "same range seen again");

        FileLocks guessed = new FileLocks();
        guessed.lock(A, r(10, 19), WRITE, inferred);
        guessed.lock(A, r(0, 29), WRITE, at(3));
        HeldLock confirmed = guessed.heldBy(A).get(0);
        assertEquals(Knowledge.KNOWN, confirmed.grant().knowledge(), "a known grant covering the guess confirms it");
        assertEquals(2, confirmed.grant().sinceNanos(), "held since the earlier grant");
    }

    @Test
    void holdersProtocolsAndUnlockAll() {
        FileLocks locks = new FileLocks();
        locks.lock(B, r(0, 9), READ, at(1));
        locks.lock(A, r(10, 19), READ, at(2));
        locks.lock(N, r(20, 29), WRITE, new Grant(3, 3, Knowledge.KNOWN, Protocol.NLM));
        assertEquals(List.of(A, B, N), List.copyOf(locks.holders()));
        assertEquals(Set.of(Protocol.NFS4, Protocol.NLM), locks.protocols());
        assertEquals(3, locks.all().size());
        assertEquals(1, locks.unlockAll(N).size());
        assertEquals(Set.of(Protocol.NFS4), locks.protocols());
        assertFalse(locks.isEmpty());
    }

    @Test
    void coversChecksEveryByteAndTheStrength() {
        FileLocks locks = new FileLocks();
        locks.lock(A, r(0, 9), READ, at(1));
        locks.lock(A, r(10, 19), WRITE, at(2));
        assertTrue(locks.covers(A, r(0, 19), READ));
        assertFalse(locks.covers(A, r(0, 19), WRITE));
        assertTrue(locks.covers(A, r(12, 15), WRITE));
        assertFalse(locks.covers(A, r(15, 25), READ));
        assertFalse(locks.covers(B, r(0, 0), READ));
    }
}
