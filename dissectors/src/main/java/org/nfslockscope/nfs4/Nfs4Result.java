package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;

/** The result of one operation of a COMPOUND or CB_COMPOUND reply; every result starts with its status. */
public sealed interface Nfs4Result permits Open.Result, StateidResult, Lock.Result, LockT.Result,
        SetClientId.Result, ExchangeId.Result, CreateSession.Result, Sequence.Result, TestStateid.Result,
        BindConnToSession.Result, GetAttr.Result, GetFh.Result, Read.Result, Write.Result, CbResult,
        PlainResult {

    int opcode();

    /** nfsstat4 of this operation. */
    int status();

    default String name() {
        return Nfs4Names.op(opcode());
    }

    /** Bytes of bulk data the message declared but did not hold; the operation is otherwise whole. */
    default long missingBytes() {
        return 0;
    }

    /** Writes the result's key fields, after the "op" and "status" fields the caller wrote. */
    default void describe(FieldWriter out) {
    }
}
