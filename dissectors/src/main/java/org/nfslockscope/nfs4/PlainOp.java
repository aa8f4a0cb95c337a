package org.nfslockscope.nfs4;

/**
 * An operation whose arguments carry nothing the lock view uses (ACCESS, READDIR, the layout
 * ops, ...). They are decoded only far enough to step over them, so that the operations after
 * them can be read; one record stands for all of them to keep the typed ones easy to find.
 */
public record PlainOp(int opcode, boolean callback) implements Nfs4Op {
    @Override
    public String name() {
        return callback ? Nfs4Names.cbOp(opcode) : Nfs4Names.op(opcode);
    }
}
