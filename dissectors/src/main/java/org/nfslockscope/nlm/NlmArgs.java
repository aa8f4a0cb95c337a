package org.nfslockscope.nlm;

/**
 * Arguments of an NLM call. The {@code _RES} procedures are calls too, so their arguments are the
 * results of the matching {@code _MSG} request ({@link Res}, {@link TestRes}).
 */
public sealed interface NlmArgs extends NlmBody
        permits LockArgs, TestArgs, CancelArgs, UnlockArgs, ShareArgs, Notify, NsmNotify, Res, TestRes {
}
