package org.nfslockscope.lockview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Checks {@link FileLocks} against the simplest possible model: for every owner, the lock
 * type held on each byte of a small file. Random lock and unlock sequences must leave the
 * same bytes held, in canonical pieces (sorted, disjoint, same-type pieces never touching).
 */
class FileLocksModelTest {

    private static final int SIZE = 40;
    private static final Owner[] OWNERS = {new Owner("a", "A"), new Owner("b", "B"), new Owner("c", "C")};

    @Test
    void randomLockAndUnlockSequencesMatchAPerByteModel() {
        Random random = new Random(7);
        for (int run = 0; run < 300; run++) {
            FileLocks locks = new FileLocks();
            LockType[][] model = new LockType[OWNERS.length][SIZE];
            for (int step = 0; step < 30; step++) {
                int o = random.nextInt(OWNERS.length);
                int from = random.nextInt(SIZE);
                int to = from + random.nextInt(SIZE - from);
                ByteRange range = ByteRange.of(from, to);
                if (random.nextInt(3) == 0) {
                    locks.unlock(OWNERS[o], range);
                    for (int b = from; b <= to; b++) {
                        model[o][b] = null;
                    }
                } else {
                    LockType type = random.nextBoolean() ? LockType.READ : LockType.WRITE;
                    locks.lock(OWNERS[o], range, type, new Grant(step, step, Knowledge.KNOWN, Protocol.NFS4));
                    for (int b = from; b <= to; b++) {
                        model[o][b] = type;
                    }
                }
                for (int i = 0; i < OWNERS.length; i++) {
                    assertArrayEquals(model[i], bytesOf(locks.heldBy(OWNERS[i])), "run " + run + " step " + step);
                    assertCanonical(locks.heldBy(OWNERS[i]));
                }
                assertConflictsMatchModel(locks, model, random);
            }
        }
    }

    private static LockType[] bytesOf(List<HeldLock> pieces) {
        LockType[] bytes = new LockType[SIZE];
        for (HeldLock piece : pieces) {
            for (long b = piece.range().offset(); b <= piece.range().end(); b++) {
                bytes[(int) b] = piece.type();
            }
        }
        return bytes;
    }

    private static void assertCanonical(List<HeldLock> pieces) {
        for (int i = 1; i < pieces.size(); i++) {
            HeldLock before = pieces.get(i - 1);
            HeldLock after = pieces.get(i);
            assertTrue(before.range().end() < after.range().offset(), "sorted and disjoint: " + pieces);
            assertFalse(before.type() == after.type() && before.range().touches(after.range()),
                    "same-type neighbours must be merged: " + pieces);
        }
    }

    private static void assertConflictsMatchModel(FileLocks locks, LockType[][] model, Random random) {
        int o = random.nextInt(OWNERS.length);
        int from = random.nextInt(SIZE);
        int to = from + random.nextInt(SIZE - from);
        LockType wanted = random.nextBoolean() ? LockType.READ : LockType.WRITE;
        Set<Owner> expected = new TreeSet<>();
        for (int i = 0; i < OWNERS.length; i++) {
            for (int b = from; b <= to && i != o; b++) {
                if (model[i][b] != null && (wanted == LockType.WRITE || model[i][b] == LockType.WRITE)) {
                    expected.add(OWNERS[i]);
                }
            }
        }
        assertEquals(expected, locks.conflictingOwners(OWNERS[o], ByteRange.of(from, to), wanted));
    }
}
