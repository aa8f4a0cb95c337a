package org.nfslockscope.nfs4;

/** A callback operation's result, named from the callback table. */
public sealed interface CbResult extends Nfs4Result permits CbSequence.Result {
    @Override
    default String name() {
        return Nfs4Names.cbOp(opcode());
    }
}
