package org.nfslockscope.nfs4;

/** A result whose status is all the lock view needs; whatever follows the status was stepped over. */
public record PlainResult(int opcode, boolean callback, int status) implements Nfs4Result {
    @Override
    public String name() {
        return callback ? Nfs4Names.cbOp(opcode) : Nfs4Names.op(opcode);
    }
}
