package org.nfslockscope.lockview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.lockview.LockType.WRITE;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class WaitForGraphTest {

    private static final Owner A = new Owner("a", "A");
    private static final Owner B = new Owner("b", "B");
    private static final Owner C = new Owner("c", "C");
    private static final Owner D = new Owner("d", "D");
    private static final ByteRange ALL = ByteRange.WHOLE_FILE;

    private static Wait wait(Owner waiter, String file, Owner... blockers) {
        return new Wait(waiter, file, ALL, WRITE, 0, 1, new TreeSet<>(List.of(blockers)));
    }

    @Test
    void twoOwnerCycle() {
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(B, "f1", A));
        g.waitFor(wait(A, "f2", B));
        List<DeadlockCycle> cycles = g.cycles();
        assertEquals(1, cycles.size());
        assertEquals(List.of(A, B), cycles.get(0).owners());
        assertEquals(List.of("f2", "f1"), cycles.get(0).waits().stream().map(Wait::file).toList());
        assertEquals("A -> B -> A", cycles.get(0).describe());
    }

    @Test
    void threeOwnerCycleStartsAtTheSmallestOwnerWhateverTheInsertionOrder() {
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(C, "f3", A));
        g.waitFor(wait(B, "f2", C));
        g.waitFor(wait(A, "f1", B));
        g.waitFor(wait(D, "f1", A)); // D waits on the cycle but is not part of it
        List<DeadlockCycle> cycles = g.cycles();
        assertEquals(1, cycles.size());
        assertEquals(List.of(A, B, C), cycles.get(0).owners());
    }

    @Test
    void chainsAndSharedBlockersAreNotCycles() {
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(A, "f", B));
        g.waitFor(wait(B, "f", C));
        g.waitFor(wait(D, "g", C));
        g.waitFor(wait(D, "h", B));
        assertTrue(g.cycles().isEmpty());
    }

    @Test
    void waitingOnAnUnknownHolderHasNoEdge() {
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(A, "f"));
        assertTrue(g.blockersOf(A).isEmpty());
        assertTrue(g.cycles().isEmpty());
        assertEquals(1, g.waits().size());
    }

    @Test
    void anOwnerNeverBlocksItself() {
        Wait w = wait(A, "f", A, B);
        assertEquals(Set.of(B), w.blockers());
    }

    @Test
    void aCycleEndsWhenAWaitEnds() {
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(A, "f2", B));
        g.waitFor(wait(B, "f1", A));
        assertTrue(g.stopWaiting(A, "f2", ALL));
        assertFalse(g.stopWaiting(A, "f2", ALL));
        assertTrue(g.cycles().isEmpty());
        assertEquals(1, g.stopWaiting(B).size());
        assertTrue(g.isEmpty());
    }

    @Test
    void twoSeparateCyclesAreBothReportedInOrder() {
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(D, "x", C));
        g.waitFor(wait(C, "y", D));
        g.waitFor(wait(A, "z", B));
        g.waitFor(wait(B, "w", A));
        List<DeadlockCycle> cycles = g.cycles();
        assertEquals(List.of(List.of(A, B), List.of(C, D)), cycles.stream().map(DeadlockCycle::owners).toList());
    }

    @Test
    void refreshingFromTheLockTableKeepsEdgesCurrent() {
        FileLocks f1 = new FileLocks();
        FileLocks f2 = new FileLocks();
        Grant g0 = new Grant(0, 1, Knowledge.KNOWN, Protocol.NLM);
        f1.lock(A, ALL, WRITE, g0);
        f2.lock(B, ALL, WRITE, g0);
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(B, "f1"));
        g.waitFor(wait(A, "f2"));
        assertTrue(g.cycles().isEmpty(), "no blockers known yet");
        g.refreshBlockers("f1", f1);
        g.refreshBlockers("f2", f2);
        assertEquals(1, g.cycles().size());
        f1.unlock(A, ALL);
        g.refreshBlockers("f1", f1);
        assertTrue(g.cycles().isEmpty(), "the holder released: no more deadlock");
    }

    @Test
    void replacingAWaitDoesNotDuplicateIt() {
        WaitForGraph g = new WaitForGraph();
        g.waitFor(wait(A, "f", B));
        g.waitFor(wait(A, "f", C));
        assertEquals(1, g.waits().size());
        assertEquals(Set.of(C), g.blockersOf(A));
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        WaitForGraph g = new WaitForGraph();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Owner waiter = new Owner(String.format("o%06d", i), "o" + i);
            Owner holder = new Owner(String.format("o%06d", i + 1), "o" + (i + 1));
            g.waitFor(wait(waiter, "f", holder));
        }
        assertTrue(g.cycles().isEmpty());
        Owner last = new Owner(String.format("o%06d", n), "last");
        g.waitFor(wait(last, "f", new Owner("o000000", "first")));
        assertEquals(n + 1, g.cycles().get(0).owners().size());
    }
}
