package org.nfslockscope.nfs4;

/** A callback operation's arguments: callback opcodes reuse the numbers of forward ones, so the name comes from the callback table. */
public sealed interface CbOp extends Nfs4Op permits CbRecall, CbSequence, CbNotifyLock {
    @Override
    default String name() {
        return Nfs4Names.cbOp(opcode());
    }
}
