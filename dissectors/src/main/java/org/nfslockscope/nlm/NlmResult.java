package org.nfslockscope.nlm;

/** Results carried by an NLM reply (or by a {@code _RES} call, for {@link Res} and {@link TestRes}). */
public sealed interface NlmResult extends NlmBody permits Res, TestRes, ShareRes {
}
