package org.nfslockscope.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An ONC RPC message for a test capture (RFC 5531 §9): a call or reply header with a body the
 * test supplies, and the record marks it gets on a stream (§11), optionally split into several
 * fragments. Mutable until it is sent.
 */
public final class Rpc {
    private final int xid;
    private final boolean call;
    private int program;
    private int version;
    private int procedure;
    private int credFlavor;
    private byte[] cred = new byte[0];
    private int verfFlavor;
    private byte[] verf = new byte[0];
    private int replyStat;
    private int acceptOrReject;
    private int authStat;
    private byte[] body = new byte[0];
    private byte[] raw;
    private int[] fragmentSizes = new int[0];
    private boolean emptyLastFragment;

    private Rpc(int xid, boolean call) {
        this.xid = xid;
        this.call = call;
    }

    public static Rpc call(int xid, int program, int version, int procedure) {
        Rpc r = new Rpc(xid, true);
        r.program = program;
        r.version = version;
        r.procedure = procedure;
        return r;
    }

    /** An accepted reply with SUCCESS; see {@link #acceptStat} and {@link #denied}. */
    public static Rpc reply(int xid) {
        return new Rpc(xid, false);
    }

    /** Exactly these message bytes, for damaged or hostile input; record marks are still added. */
    public static Rpc raw(byte[] message) {
        Rpc r = new Rpc(message.length >= 4 ? message[0] << 24 | (message[1] & 0xff) << 16
                | (message[2] & 0xff) << 8 | message[3] & 0xff : 0, false);
        r.raw = message.clone();
        return r;
    }

    public int xid() {
        return xid;
    }

    public boolean isCall() {
        return call;
    }

    public Rpc cred(int flavor, byte[] credBody) {
        credFlavor = flavor;
        cred = credBody.clone();
        return this;
    }

    /** AUTH_SYS with no supplementary groups. */
    public Rpc authSys(String machine, int uid, int gid) {
        byte[] name = machine.getBytes(StandardCharsets.US_ASCII);
        return cred(1, new BytesOut().u32(0).u32(name.length).bytes(name).pad(4).u32(uid).u32(gid).u32(0).toArray());
    }

    public Rpc verf(int flavor, byte[] verfBody) {
        verfFlavor = flavor;
        verf = verfBody.clone();
        return this;
    }

    public Rpc body(byte[] procedureBody) {
        body = procedureBody.clone();
        return this;
    }

    /** A body of {@code n} bytes counting up from {@code seed}, so that different calls differ. */
    public Rpc body(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return body(b);
    }

    public Rpc acceptStat(int stat) {
        replyStat = 0;
        acceptOrReject = stat;
        return this;
    }

    public Rpc denied(int rejectStat, int authStatOrLow) {
        replyStat = 1;
        acceptOrReject = rejectStat;
        authStat = authStatOrLow;
        return this;
    }

    /** Splits the record into fragments of these data sizes; what is left goes in a last fragment. */
    public Rpc fragments(int... sizes) {
        fragmentSizes = sizes.clone();
        return this;
    }

    /** Ends the record with an extra zero-length last fragment (legal, rarely seen). */
    public Rpc emptyLastFragment() {
        emptyLastFragment = true;
        return this;
    }

    /** The message as sent over UDP: header and body, no record mark. */
    public byte[] message() {
        if (raw != null) {
            return raw.clone();
        }
        BytesOut out = new BytesOut().u32(xid).u32(call ? 0 : 1);
        if (call) {
            out.u32(2).u32(program).u32(version).u32(procedure);
            opaqueAuth(out, credFlavor, cred);
            opaqueAuth(out, verfFlavor, verf);
        } else {
            out.u32(replyStat);
            if (replyStat == 0) {
                opaqueAuth(out, verfFlavor, verf);
            }
            out.u32(acceptOrReject);
            if (replyStat == 1) {
                out.u32(authStat);
                if (acceptOrReject == 0) {
                    out.u32(authStat);
                }
            }
        }
        return out.bytes(body).toArray();
    }

    private static void opaqueAuth(BytesOut out, int flavor, byte[] b) {
        out.u32(flavor).u32(b.length).bytes(b).pad(4);
    }

    /** The message as sent over a stream: with record marks. */
    public byte[] record() {
        byte[] m = message();
        BytesOut out = new BytesOut();
        int at = 0;
        for (int size : fragmentSizes) {
            int n = Math.min(size, m.length - at);
            out.u32(n).bytes(m, at, n);
            at += n;
        }
        int rest = m.length - at;
        if (emptyLastFragment) {
            out.u32(rest).bytes(m, at, rest).u32(0x80000000L);
        } else {
            out.u32(0x80000000L | rest).bytes(m, at, rest);
        }
        return out.toArray();
    }

    @Override
    public String toString() {
        return (call ? "call " : "reply ") + Integer.toHexString(xid) + " " + Arrays.toString(fragmentSizes);
    }
}
