/**
 * NFSv4 COMPOUND and CB_COMPOUND decoding (RFC 7530/7531, RFC 8881, RFC 7862, RFC 8276).
 *
 * <p>Where to look: {@link org.nfslockscope.nfs4.Nfs4Decoder} is the entry point;
 * {@link org.nfslockscope.nfs4.Compound}, {@link org.nfslockscope.nfs4.CompoundResult} and their
 * callback twins are what it returns. Every operation the lock view reads has its own record,
 * named after the operation ({@code LOCK} is {@link org.nfslockscope.nfs4.Lock}), with its result
 * nested as {@code Result} when the result carries more than a status. The other operations are
 * read only far enough to step over them ({@link org.nfslockscope.nfs4.PlainOps}) and stand as
 * {@link org.nfslockscope.nfs4.PlainOp} / {@link org.nfslockscope.nfs4.PlainResult}.
 * {@link org.nfslockscope.nfs4.Operations} and {@link org.nfslockscope.nfs4.CallbackOperations}
 * map opcodes to readers.
 *
 * <p>Nothing here throws on bad input: damage is reported in the decoded body, after every
 * operation that was read whole.
 */
package org.nfslockscope.nfs4;
