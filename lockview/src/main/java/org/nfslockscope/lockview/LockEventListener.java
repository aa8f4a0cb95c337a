package org.nfslockscope.lockview;

/**
 * Receives the lock view's {@link LockEvent}s in frame order, from the thread that feeds the
 * view. The view builds no event at all while the listener is {@link #NONE}.
 */
@FunctionalInterface
public interface LockEventListener {
    LockEventListener NONE = e -> { };

    void onLockEvent(LockEvent event);
}
