package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;

/** The arguments of one operation of a COMPOUND or CB_COMPOUND. */
public sealed interface Nfs4Op permits Open, OpenConfirm, OpenDowngrade, Close, Lock, LockT, LockU,
        ReleaseLockowner, Renew, SetClientId, SetClientIdConfirm, DelegPurge, DelegReturn, ExchangeId,
        CreateSession, DestroySession, DestroyClientid, Sequence, ReclaimComplete, TestStateid, FreeStateid,
        BindConnToSession, BackchannelCtl, PutFh, GetFh, Lookup, GetAttr, Read, Write, SetAttr,
        CbOp, PlainOp {

    int opcode();

    /** The RFC name ("LOCK", "CB_SEQUENCE"). */
    default String name() {
        return Nfs4Names.op(opcode());
    }

    /** Bytes of bulk data the message declared but did not hold; the operation is otherwise whole. */
    default long missingBytes() {
        return 0;
    }

    /** Writes the operation's key fields, after the "op" field the caller wrote. */
    default void describe(FieldWriter out) {
    }
}
