package org.nfslockscope.rpc;

/** The call a reply answers, as far as the reply's decoder needs it. */
public record CallInfo(long frame, long timeNanos, RpcCall call) {
}
