package org.nfslockscope.pipeline;

import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;

/**
 * A listener part of whose work on a message depends on the message alone, not on what came
 * before: {@link HandOff} runs that part ({@link #prepare}) on the pipeline's thread, which is the
 * less loaded of the two, and hands the result over with the message. On one thread nothing of
 * this is used: the pipeline calls {@link #onMessage(RpcEvent)} as for any listener.
 *
 * @param <T> what preparing a message gives
 */
public interface PreparingListener<T> extends RpcListener {
    /**
     * Work on {@code e} ahead of its turn, on another thread than the rest of this listener, while
     * the listener may still be taking earlier messages: it must read no state the listener
     * changes and change none the listener reads. Its result must not depend on when it runs. A
     * failure belongs in the result, to be given to the listener where one thread would meet it;
     * should this throw anyway, the listener is given the message unprepared.
     */
    T prepare(RpcEvent e);

    /** The same as {@link #onMessage(RpcEvent)}, with what {@link #prepare} gave for this very event. */
    void onMessage(RpcEvent e, T prepared);
}
