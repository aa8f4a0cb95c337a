package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** What is compared of two replies to one request, and how a finding names it. */
class ReplyOutcomeTest {
    private final CRC32C crc = new CRC32C();

    /** A record of a 24-byte accepted-reply header followed by {@code body}. */
    private static ByteBuffer record(int... body) {
        ByteBuffer b = ByteBuffer.allocate(24 + 4 * body.length);
        b.position(24);
        for (int w : body) {
            b.putInt(w);
        }
        return b.flip();
    }

    private static RpcReply accepted(int acceptStat, int verifier) {
        return new RpcReply(7, RpcReply.MSG_ACCEPTED, verifier, acceptStat, 0, 0, 0, 0, 24);
    }

    private long of(RpcReply r, int program, ByteBuffer record) {
        return ReplyOutcome.of(r, program, record, crc);
    }

    @Test
    void nfsRepliesAreComparedByTheirStatusAlone() {
        long a = of(accepted(0, 0), Programs.NFS, record(0, 1, 2));
        assertEquals(a, of(accepted(0, 0), Programs.NFS, record(0, 9, 9)), "fresh attributes are not a difference");
        long denied = of(accepted(0, 0), Programs.NFS, record(10008));
        assertNotEquals(a, denied);
        assertEquals("with status 10008", ReplyOutcome.name(denied));
        ByteBuffer little = record(10008).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(denied, of(accepted(0, 0), Programs.NFS, little), "XDR is big-endian whatever the view's order");
    }

    @Test
    void otherProgramsAreComparedByTheirWholeResults() {
        long a = of(accepted(0, 0), Programs.NLM, record(1, 2, 0));
        assertEquals(a, of(accepted(0, 0), Programs.NLM, record(1, 2, 0)));
        assertNotEquals(a, of(accepted(0, 0), Programs.NLM, record(1, 2, 1)));
        assertEquals(true, ReplyOutcome.name(a).startsWith("with results "));
    }

    @Test
    void rpcLevelOutcomesAndGssBodiesAreComparedByTheRpcStatusAlone() {
        assertEquals("GARBAGE_ARGS", ReplyOutcome.name(of(accepted(4, 0), Programs.NFS, record())));
        long gss = of(accepted(0, 6), Programs.NLM, record(1));
        assertEquals(gss, of(accepted(0, 6), Programs.NLM, record(2)), "krb5i bodies differ on every reply");
        assertEquals("SUCCESS", ReplyOutcome.name(gss));
        RpcReply badCred = new RpcReply(7, RpcReply.MSG_DENIED, 0, 0, 1, 1, 0, 0, 24);
        RpcReply tooWeak = new RpcReply(7, RpcReply.MSG_DENIED, 0, 0, 1, 5, 0, 0, 24);
        RpcReply mismatch = new RpcReply(7, RpcReply.MSG_DENIED, 0, 0, 0, 0, 2, 2, 24);
        assertEquals("AUTH_ERROR(AUTH_BADCRED)", ReplyOutcome.name(of(badCred, Programs.NFS, record())));
        assertEquals("AUTH_ERROR(AUTH_TOOWEAK)", ReplyOutcome.name(of(tooWeak, Programs.NFS, record())));
        assertEquals("RPC_MISMATCH", ReplyOutcome.name(of(mismatch, Programs.NFS, record())));
        assertNotEquals(of(badCred, Programs.NFS, record()), of(tooWeak, Programs.NFS, record()));
        assertEquals("ACCEPT_STAT_" + ((1 << 29) - 1), ReplyOutcome.name(of(accepted(-1, 0), Programs.NFS, record())),
                "a made-up accept_stat keeps the field's largest value");
    }
}
