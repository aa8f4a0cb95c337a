package org.nfslockscope.rpc;

/**
 * An ONC RPC message header (RFC 5531 §9). {@link #bodyOffset()} is where the procedure's
 * arguments or results start within the record.
 */
public sealed interface RpcMessage permits RpcCall, RpcReply {
    int CALL = 0;
    int REPLY = 1;

    int xid();

    int bodyOffset();

    default String xidHex() {
        return String.format("0x%08x", xid());
    }
}
