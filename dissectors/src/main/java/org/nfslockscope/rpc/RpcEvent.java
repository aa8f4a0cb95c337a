package org.nfslockscope.rpc;

import java.nio.ByteBuffer;
import org.nfslockscope.net.Endpoint;

/**
 * One RPC message, framed and paired. {@code frame} is the frame in which the message completed
 * (as Wireshark counts it). For a reply, {@code call} is the call it answers (null for an orphan
 * reply); for a call it is the first transmission of the same request, so a retransmitted call
 * points at the original. {@code record} holds the whole message; the procedure's body starts at
 * {@code message().bodyOffset()}. It is a view, valid only while the listener runs.
 *
 * @param connection the TCP connection number (as Wireshark's tcp.stream), or -1 for UDP
 * @param retransmission a call seen before with the same key and arguments, or a second reply to one call
 * @param complete false when a capture gap or the snaplen took part of the message
 * @param replaced for a call that is not a retransmission: the earlier call its sender made with
 *     the same xid (same connection and side, or same UDP endpoint pair) that the RPC stage still
 *     held, another request under a reused xid; else null
 * @param repeatedReply for a second or later reply to one request: what the reply before it said;
 *     else null
 */
public record RpcEvent(long frame, long timeNanos, Transport transport, long connection,
                       Endpoint src, Endpoint dst, RpcMessage message, CallInfo call,
                       boolean retransmission, boolean complete, ByteBuffer record, CallInfo replaced,
                       RepeatedReply repeatedReply) {

    /** An event that neither replaces a call nor repeats a reply. */
    public RpcEvent(long frame, long timeNanos, Transport transport, long connection, Endpoint src, Endpoint dst,
                    RpcMessage message, CallInfo call, boolean retransmission, boolean complete, ByteBuffer record) {
        this(frame, timeNanos, transport, connection, src, dst, message, call, retransmission, complete, record,
                null, null);
    }

    public boolean isCall() {
        return message instanceof RpcCall;
    }

    /** Program of the call (or of the call this reply answers); -1 when unknown. */
    public int program() {
        return call == null ? -1 : call.call().program();
    }

    public int version() {
        return call == null ? -1 : call.call().version();
    }

    public int procedure() {
        return call == null ? -1 : call.call().procedure();
    }

    /** The procedure arguments or results, as a view. */
    public ByteBuffer body() {
        int at = Math.min(message.bodyOffset(), record.remaining());
        return record.slice(record.position() + at, record.remaining() - at);
    }
}
