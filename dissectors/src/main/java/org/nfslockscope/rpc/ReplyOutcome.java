package org.nfslockscope.rpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * What a reply said, in one long, for comparing the replies one request got (notes §3.1,
 * RPC-REPLY-MISMATCH). A duplicate request cache replays its reply byte for byte, so a
 * difference means the server ran the request again; what may honestly differ is left out. The
 * RPC header (GSS verifiers sit there) is never compared; NFS results only by their leading
 * status, since a re-run GETATTR returns fresh attributes; under RPCSEC_GSS only the RPC-level
 * status, since krb5i/krb5p bodies carry a per-reply sequence number and checksum.
 *
 * <p>Layout: the low 32 bits hold the results word (the NFS status, a CRC32C of another
 * program's results, 0 when only the RPC-level status counts); the high 32 bits the kind (2 bits),
 * whether the reply was denied (1 bit), then for an accepted reply its accept_stat, for a denied
 * one whether it was RPC_MISMATCH (1 bit) and its auth_stat, each clamped to the bits left.
 */
public final class ReplyOutcome {
    private static final int RPCSEC_GSS = 6;
    private static final long STATUS_ONLY = 0;
    private static final long NFS_STATUS = 1;
    private static final long CHECKSUM = 2;
    private static final int ACCEPT_BITS = 29;
    private static final int AUTH_BITS = 28;

    private ReplyOutcome() {
    }

    /**
     * The outcome of {@code reply}, a reply to a call of {@code program}, whose whole message is
     * {@code record} (read in place, its position kept); {@code crc} is the caller's own.
     */
    public static long of(RpcReply reply, int program, ByteBuffer record, CRC32C crc) {
        long status;
        if (reply.replyStat() == RpcReply.MSG_ACCEPTED) {
            status = clamp(reply.acceptStat(), ACCEPT_BITS);
        } else {
            status = 1L << 29 | (reply.rejectStat() == 0 ? 1L << 28 : clamp(reply.authStat(), AUTH_BITS));
        }
        if (!reply.hasResults() || reply.verifierFlavor() == RPCSEC_GSS) {
            return (STATUS_ONLY << 30 | status) << 32;
        }
        int at = Math.min(reply.bodyOffset(), record.remaining());
        int from = record.position() + at;
        int n = record.remaining() - at;
        int result;
        long kind;
        if (program == Programs.NFS) {
            kind = NFS_STATUS;
            result = n >= 4 ? bigEndianInt(record, from) : -1;
        } else {
            kind = CHECKSUM;
            crc.reset();
            if (record.hasArray()) {
                crc.update(record.array(), record.arrayOffset() + from, n);
            } else {
                crc.update(record.slice(from, n));
            }
            result = (int) crc.getValue();
        }
        return (kind << 30 | status) << 32 | result & 0xFFFFFFFFL;
    }

    /** How a finding names the outcome: "with status 10008", "with results 1a2b3c4d", "GARBAGE_ARGS". */
    public static String name(long outcome) {
        int high = (int) (outcome >>> 32);
        int result = (int) outcome;
        long kind = high >>> 30;
        if (kind == NFS_STATUS) {
            return "with status " + result;
        }
        if (kind == CHECKSUM) {
            return "with results " + Integer.toHexString(result);
        }
        if ((high & 1 << 29) == 0) {
            return RpcReply.statusName(RpcReply.MSG_ACCEPTED, high & ((1 << ACCEPT_BITS) - 1), 0, 0);
        }
        boolean mismatch = (high & 1 << 28) != 0;
        return RpcReply.statusName(RpcReply.MSG_DENIED, 0, mismatch ? 0 : 1, high & ((1 << AUTH_BITS) - 1));
    }

    /** Values beyond the field's width (only a damaged or made-up reply has them) keep its largest. */
    private static long clamp(int v, int bits) {
        long max = (1L << bits) - 1;
        return Math.min(v & 0xFFFFFFFFL, max);
    }

    /** XDR is big-endian whatever order the record's view was given. */
    private static int bigEndianInt(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }
}
