package org.nfslockscope.nlm;

import java.nio.ByteBuffer;
import org.nfslockscope.net.Endpoint;
import org.nfslockscope.rpc.CallInfo;
import org.nfslockscope.rpc.Credential;
import org.nfslockscope.rpc.RpcCall;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcReply;
import org.nfslockscope.rpc.Transport;

/** RPC events around a hand-built body, for decoder tests that need no capture. */
public final class RpcEvents {
    private static final Endpoint CLIENT = Endpoint.parse("127.0.0.2", 800);
    private static final Endpoint SERVER = Endpoint.parse("127.0.0.1", 4045);

    private RpcEvents() {
    }

    /** A call whose record is only the body (body offset 0). */
    public static RpcEvent call(int program, int version, int procedure, Credential cred, byte[] body) {
        RpcCall c = new RpcCall(7, 2, program, version, procedure, cred, cred.flavor(), 0);
        return new RpcEvent(1, 0, Transport.UDP, -1, CLIENT, SERVER, c, new CallInfo(1, 0, c), false, true,
                ByteBuffer.wrap(body));
    }

    public static RpcEvent call(int program, int version, int procedure, byte[] body) {
        return call(program, version, procedure, new Credential.None(), body);
    }

    /** An accepted, successful reply to {@code call}. */
    public static RpcEvent reply(RpcEvent call, byte[] body) {
        return reply(call, 0, body);
    }

    public static RpcEvent reply(RpcEvent call, int acceptStat, byte[] body) {
        RpcReply r = new RpcReply(call.message().xid(), RpcReply.MSG_ACCEPTED, 0, acceptStat, 0, 0, 0, 0, 0);
        return new RpcEvent(2, 1, Transport.UDP, -1, SERVER, CLIENT, r, call.call(), false, true, ByteBuffer.wrap(body));
    }
}
