package org.nfslockscope.rpc;

/** A CALL header: program, version, procedure and credential. */
public record RpcCall(int xid, int rpcVersion, int program, int version, int procedure,
                      Credential credential, int verifierFlavor, int bodyOffset) implements RpcMessage {
}
