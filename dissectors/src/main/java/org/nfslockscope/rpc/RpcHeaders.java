package org.nfslockscope.rpc;

import java.nio.ByteBuffer;
import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/** Parses RPC call and reply headers, and judges whether bytes look like the start of one. */
public final class RpcHeaders {
    /** RFC 5531 caps opaque_auth bodies at 400 bytes. */
    public static final int MAX_AUTH = 400;
    private static final int MAX_MACHINE_NAME = 255;
    private static final int MAX_GIDS = 16;

    private RpcHeaders() {
    }

    /** Parses the header at the start of {@code record} (the message without record mark). */
    public static RpcMessage parse(ByteBuffer record) {
        return parse(record, null, null);
    }

    /**
     * The same, with AUTH_SYS credentials shared through {@code credentials} (when not null),
     * {@code memo} holding the sender's last one.
     */
    static RpcMessage parse(ByteBuffer record, CredentialInterner credentials, CredentialInterner.Memo memo) {
        XdrReader x = new XdrReader(record);
        int xid = x.u32();
        int type = x.u32();
        if (type == RpcMessage.CALL) {
            int rpcvers = x.u32();
            if (rpcvers != 2) {
                throw new XdrException("RPC version " + (rpcvers & 0xffffffffL) + ", not 2", 8);
            }
            int prog = x.u32();
            int vers = x.u32();
            int proc = x.u32();
            Credential cred = credentials != null ? credentials.read(x, record, memo) : credential(x);
            int verf = x.u32();
            x.skipOpaque(MAX_AUTH);
            return new RpcCall(xid, rpcvers, prog, vers, proc, cred, verf, x.offset());
        }
        if (type == RpcMessage.REPLY) {
            int stat = x.u32();
            if (stat == RpcReply.MSG_ACCEPTED) {
                int verf = x.u32();
                x.skipOpaque(MAX_AUTH);
                int accept = x.u32();
                int low = 0;
                int high = 0;
                if (accept == 2) {
                    low = x.u32();
                    high = x.u32();
                }
                return new RpcReply(xid, stat, verf, accept, 0, 0, low, high, x.offset());
            }
            if (stat == RpcReply.MSG_DENIED) {
                int reject = x.u32();
                if (reject == 0) {
                    int low = x.u32();
                    int high = x.u32();
                    return new RpcReply(xid, stat, 0, 0, reject, 0, low, high, x.offset());
                }
                int auth = x.u32();
                return new RpcReply(xid, stat, 0, 0, reject, auth, 0, 0, x.offset());
            }
            throw new XdrException("reply_stat " + (stat & 0xffffffffL), 8);
        }
        throw new XdrException("msg_type " + (type & 0xffffffffL), 4);
    }

    /** AUTH_NONE carries nothing, so all such calls share one instance. */
    private static final Credential.None NO_CREDENTIAL = new Credential.None();

    static Credential credential(XdrReader x) {
        int flavor = x.u32();
        int len = x.count(MAX_AUTH, 1, "credential");
        XdrReader body = x.window(len);
        x.skipPadded(len, "credential");
        try {
            switch (flavor) {
                case Credential.AUTH_NONE:
                    return NO_CREDENTIAL;
                case Credential.AUTH_SYS: {
                    long stamp = body.u32L();
                    String machine = body.string(MAX_MACHINE_NAME);
                    long uid = body.u32L();
                    long gid = body.u32L();
                    int n = body.count(MAX_GIDS, 4, "gids");
                    long[] gids = new long[n];
                    for (int i = 0; i < n; i++) {
                        gids[i] = body.u32L();
                    }
                    return new Credential.Sys(stamp, machine, uid, gid, gids);
                }
                case Credential.RPCSEC_GSS: {
                    int vers = body.u32();
                    if (vers != 1) {
                        return new Credential.Other(flavor, len);
                    }
                    int proc = body.u32();
                    long seq = body.u32L();
                    int service = body.u32();
                    String handle = body.hexOpaque(MAX_AUTH);
                    return new Credential.Gss(proc, seq, service, handle);
                }
                default:
                    return new Credential.Other(flavor, len);
            }
        } catch (XdrException e) {
            // A malformed credential body does not make the call unreadable: its length was sound.
            return new Credential.Other(flavor, len);
        }
    }

    /** Programs we recognise by content; anything else is not taken for RPC on an unknown port. */
    public static boolean knownProgram(int prog, int vers) {
        return switch (prog) {
            case Programs.PORTMAP -> vers >= 2 && vers <= 4;
            case Programs.NFS -> vers >= 2 && vers <= 4;
            case Programs.MOUNT -> vers >= 1 && vers <= 3;
            case Programs.NLM -> vers >= 1 && vers <= 4;
            case Programs.NSM -> vers == 1;
            case Programs.NFS_ACL -> vers >= 2 && vers <= 3;
            default -> Programs.isTransient(prog) && vers == 1;
        };
    }

    /**
     * Whether {@code b} at {@code at} (with {@code avail} bytes there) starts a plausible RPC call
     * of a program we know: message type CALL, RPC version 2, sane credential and verifier lengths.
     */
    public static boolean plausibleCall(ByteBuffer b, int at, int avail) {
        if (avail < 40) {
            return false;
        }
        if (b.getInt(at + 4) != 0 || b.getInt(at + 8) != 2) {
            return false;
        }
        if (!knownProgram(b.getInt(at + 12), b.getInt(at + 16))) {
            return false;
        }
        int flavor = b.getInt(at + 24);
        int credLen = b.getInt(at + 28);
        if (!plausibleFlavor(flavor) || credLen < 0 || credLen > MAX_AUTH) {
            return false;
        }
        int v = at + 32 + ((credLen + 3) & ~3);
        if (v + 8 > at + avail) {
            return v <= at + avail;
        }
        int verfLen = b.getInt(v + 4);
        return plausibleFlavor(b.getInt(v)) && verfLen >= 0 && verfLen <= MAX_AUTH;
    }

    /** Whether the bytes start a plausible RPC reply header (without knowing the call). */
    public static boolean plausibleReply(ByteBuffer b, int at, int avail) {
        if (avail < 24 || b.getInt(at + 4) != 1) {
            return false;
        }
        int stat = b.getInt(at + 8);
        if (stat == RpcReply.MSG_ACCEPTED) {
            int flavor = b.getInt(at + 12);
            int len = b.getInt(at + 16);
            if (!plausibleFlavor(flavor) || len < 0 || len > MAX_AUTH) {
                return false;
            }
            int a = at + 20 + ((len + 3) & ~3);
            if (a + 4 > at + avail) {
                return a <= at + avail;
            }
            int accept = b.getInt(a);
            return accept >= 0 && accept <= 5;
        }
        if (stat == RpcReply.MSG_DENIED) {
            int reject = b.getInt(at + 12);
            return reject == 0 || reject == 1;
        }
        return false;
    }

    private static boolean plausibleFlavor(int flavor) {
        return flavor >= 0 && flavor <= 7 || flavor == 390003 || flavor == 390004 || flavor == 390005;
    }
}
