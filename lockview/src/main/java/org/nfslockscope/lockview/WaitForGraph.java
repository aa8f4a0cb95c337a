package org.nfslockscope.lockview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who waits for whom: edges from a waiting owner to the owners holding conflicting locks
 * (protocol-notes §3.8, X-WAITS-FOR and X-DEADLOCK). The graph is over owners, not files,
 * because a deadlock is two processes each holding what the other wants, across files.
 *
 * <p>Servers detect deadlocks only among waits they queue themselves (NLM blocking locks in
 * the server's VFS); NFSv4.0 pollers are invisible to them, so the capture is the only place
 * where such a cycle can be seen.
 */
public final class WaitForGraph {

    /** Waits by owner; an owner may wait for several things (threads of one process). */
    private final NavigableMap<Owner, List<Wait>> waits = new TreeMap<>();

    /** Told when a wait starts and when it ends, for lock events. */
    public interface Listener {
        void started(Wait w);

        void ended(Wait w);
    }

    private Listener listener;

    /** Sets (or, with null, removes) the listener. */
    public void listener(Listener l) {
        listener = l;
    }

    /** Records a wait, replacing an earlier wait of the same owner for the same file and range. */
    public void waitFor(Wait wait) {
        List<Wait> ofOwner = waits.computeIfAbsent(wait.waiter(), o -> new ArrayList<>());
        boolean renewed = ofOwner.removeIf(w -> w.sameRequest(wait.waiter(), wait.file(), wait.range()));
        if (listener != null && !renewed) {
            listener.started(wait);
        }
        ofOwner.add(wait);
        ofOwner.sort(Wait.ORDER);
    }

    /** Ends a wait (granted, cancelled, given up). @return true if there was one */
    public boolean stopWaiting(Owner owner, String file, ByteRange range) {
        List<Wait> ofOwner = waits.get(owner);
        if (ofOwner == null) {
            return false;
        }
        boolean removed = false;
        for (Iterator<Wait> it = ofOwner.iterator(); it.hasNext(); ) {
            Wait w = it.next();
            if (w.sameRequest(owner, file, range)) {
                it.remove();
                removed = true;
                if (listener != null) {
                    listener.ended(w);
                }
            }
        }
        if (ofOwner.isEmpty()) {
            waits.remove(owner);
        }
        return removed;
    }

    /** Ends every wait of an owner (its client rebooted or its state was dropped). */
    public List<Wait> stopWaiting(Owner owner) {
        List<Wait> removed = waits.remove(owner);
        if (listener != null && removed != null) {
            removed.forEach(listener::ended);
        }
        return removed == null ? List.of() : removed;
    }

    /**
     * Recomputes the blockers of every wait on {@code file} from its current locks; call it
     * after every change to that file's locks, so that edges stay current: a deadlock needs
     * every waiter still waiting and every holder still holding.
     */
    public void refreshBlockers(String file, FileLocks locks) {
        for (List<Wait> ofOwner : waits.values()) {
            for (int i = 0; i < ofOwner.size(); i++) {
                Wait w = ofOwner.get(i);
                if (w.file().equals(file)) {
                    ofOwner.set(i, w.withBlockers(locks.conflictingOwners(w.waiter(), w.range(), w.type())));
                }
            }
        }
    }

    /** Every current wait, ordered by waiter, file, range. */
    public List<Wait> waits() {
        List<Wait> all = new ArrayList<>();
        waits.values().forEach(all::addAll);
        return all;
    }

    /** The owners {@code owner} waits for, over all its waits. */
    public SortedSet<Owner> blockersOf(Owner owner) {
        SortedSet<Owner> blockers = new TreeSet<>();
        for (Wait w : waits.getOrDefault(owner, List.of())) {
            blockers.addAll(w.blockers());
        }
        return blockers;
    }

    public boolean isEmpty() {
        return waits.isEmpty();
    }

    /**
     * The deadlocks: one cycle for every strongly connected group of two or more owners,
     * the shortest one through the group's smallest owner. One cycle per group is enough to
     * name the owners and files to fix; enumerating every elementary cycle can blow up.
     * Groups are returned in the order of their smallest owner.
     */
    public List<DeadlockCycle> cycles() {
        List<DeadlockCycle> cycles = new ArrayList<>();
        for (SortedSet<Owner> group : stronglyConnectedGroups()) {
            if (group.size() >= 2) {
                cycles.add(shortestCycleThrough(group.first(), group));
            }
        }
        cycles.sort((a, b) -> a.owners().get(0).compareTo(b.owners().get(0)));
        return cycles;
    }

    /** Tarjan's algorithm, iterative so that a long chain of waiters cannot overflow the stack. */
    private List<SortedSet<Owner>> stronglyConnectedGroups() {
        Map<Owner, Integer> index = new HashMap<>();
        Map<Owner, Integer> low = new HashMap<>();
        Deque<Owner> stack = new ArrayDeque<>();
        Set<Owner> onStack = new HashSet<>();
        List<SortedSet<Owner>> groups = new ArrayList<>();
        int next = 0;
        for (Owner root : waits.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<Owner, Iterator<Owner>>> work = new ArrayDeque<>();
            index.put(root, next);
            low.put(root, next++);
            stack.push(root);
            onStack.add(root);
            work.push(Map.entry(root, blockersOf(root).iterator()));
            while (!work.isEmpty()) {
                Owner v = work.peek().getKey();
                Iterator<Owner> edges = work.peek().getValue();
                if (edges.hasNext()) {
                    Owner w = edges.next();
                    if (!index.containsKey(w)) {
                        index.put(w, next);
                        low.put(w, next++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(Map.entry(w, blockersOf(w).iterator()));
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    Owner parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    SortedSet<Owner> group = new TreeSet<>();
                    Owner member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        group.add(member);
                    } while (!member.equals(v));
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /** Breadth-first search from {@code start} back to itself, staying inside the group. */
    private DeadlockCycle shortestCycleThrough(Owner start, Set<Owner> group) {
        Map<Owner, Owner> parent = new HashMap<>();
        Deque<Owner> queue = new ArrayDeque<>();
        queue.add(start);
        Owner last = null;
        search:
        while (!queue.isEmpty()) {
            Owner v = queue.poll();
            for (Owner w : blockersOf(v)) {
                if (w.equals(start)) {
                    last = v;
                    break search;
                }
                if (group.contains(w) && !parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        // A strongly connected group of two or more always has a way back to start.
        List<Owner> path = new ArrayList<>();
        for (Owner v = last; v != null && !v.equals(start); v = parent.get(v)) {
            path.add(0, v);
        }
        path.add(0, start);
        List<Wait> edges = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            edges.add(waitBlockedBy(path.get(i), path.get((i + 1) % path.size())));
        }
        return new DeadlockCycle(path, edges);
    }

    private Wait waitBlockedBy(Owner waiter, Owner holder) {
        for (Wait w : waits.get(waiter)) {
            if (w.blockers().contains(holder)) {
                return w;
            }
        }
        throw new IllegalStateException("no wait of " + waiter + " blocked by " + holder);
    }
}
