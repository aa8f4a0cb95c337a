package org.nfslockscope.nfs4;

import org.nfslockscope.xdr.XdrReader;

/** Readers for the small NFSv4 types that many operations share (RFC 7531, RFC 8881 §3). */
final class Nfs4Xdr {
    /** Strings and opaques without a protocol bound are still bounded by the bytes present. */
    static final int MAX_STRING = Integer.MAX_VALUE;
    static final int NFS4_FHSIZE = 128;
    static final int NFS4_VERIFIER_SIZE = 8;
    static final int NFS4_SESSIONID_SIZE = 16;
    static final int DEVICEID_SIZE = 16;
    /** Attribute 10, lease_time, in bitmap word 0. */
    static final int ATTR_LEASE_TIME = 10;

    private Nfs4Xdr() {
    }

    static String fh(XdrReader r) {
        return r.hexOpaque(NFS4_FHSIZE);
    }

    static String component(XdrReader r) {
        return r.string(MAX_STRING);
    }

    static String sessionid(XdrReader r) {
        return r.hexFixed(NFS4_SESSIONID_SIZE);
    }

    static String verifier(XdrReader r) {
        return r.hexFixed(NFS4_VERIFIER_SIZE);
    }

    static void skipOpaque(XdrReader r) {
        r.skipOpaque(MAX_STRING);
    }

    /** bitmap4 as its words; each word takes four bytes, so the count is checked against them. */
    static int[] bitmap(XdrReader r) {
        int n = r.count(MAX_STRING, 4, "bitmap4");
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            words[i] = r.u32();
        }
        return words;
    }

    static void skipBitmap(XdrReader r) {
        int n = r.count(MAX_STRING, 4, "bitmap4");
        r.skip(4 * n);
    }

    static boolean hasAttr(int[] bitmap, int attr) {
        int word = attr / 32;
        return word < bitmap.length && (bitmap[word] & (1 << (attr % 32))) != 0;
    }

    /** fattr4 is a bitmap and an opaque of values, so it can be stepped over without knowing the attributes. */
    static void skipFattr(XdrReader r) {
        skipBitmap(r);
        skipOpaque(r);
    }

    /**
     * lease_time from the attribute values of an fattr4 whose bitmap is {@code mask}, or -1 when
     * absent. The values come in attribute order, so the ones before attribute 10 are stepped
     * over by their fixed sizes (RFC 7530 §5.8.1).
     */
    static long leaseTime(int[] mask, XdrReader vals) {
        if (!hasAttr(mask, ATTR_LEASE_TIME)) {
            return -1;
        }
        for (int a = 0; a < ATTR_LEASE_TIME; a++) {
            if (!hasAttr(mask, a)) {
                continue;
            }
            switch (a) {
                case 0 -> skipBitmap(vals);
                case 3, 4 -> vals.skip(8);
                case 8 -> vals.skip(16);
                default -> vals.skip(4);
            }
        }
        return vals.u32L();
    }

    static java.util.List<Integer> asList(int[] words) {
        return java.util.Arrays.stream(words).boxed().toList();
    }

    /**
     * Skips variable-length data whose length was just read, even when the capture cut it short:
     * bulk data (READ and WRITE payloads) is the part a snaplen takes, and the operation's own
     * fields before it are still good. Returns how many declared bytes were missing (0 when the
     * data was all there); the declared length is read by the caller.
     */
    static long skipPayload(XdrReader r, long declared) {
        long missing = Math.max(0, declared - r.remaining());
        r.skip((int) Math.min((declared + 3) & ~3L, r.remaining()));
        return missing;
    }

    /** change_info4: atomic flag and two changeid4 values. */
    static void skipChangeInfo(XdrReader r) {
        r.bool();
        r.skip(16);
    }

    static void skipNfstime(XdrReader r) {
        r.skip(12);
    }

    /** nfsace4: type, flag, access mask and a who string. */
    static void skipNfsace(XdrReader r) {
        r.skip(12);
        skipOpaque(r);
    }

    static void skipStateid(XdrReader r) {
        r.skip(16);
    }

    static void skipNetAddr(XdrReader r) {
        skipOpaque(r);
        skipOpaque(r);
    }

    /** netloc4 (RFC 7862 §3.3): a name, a URL, or a netaddr4. */
    static void skipNetloc(XdrReader r) {
        int type = r.u32();
        switch (type) {
            case 1, 2 -> skipOpaque(r);
            case 3 -> skipNetAddr(r);
            default -> throw new org.nfslockscope.xdr.XdrException("netloc4 type " + type, r.offset() - 4);
        }
    }

    /** write_response4 (RFC 7862 §15.2): optional callback stateid, count, committed, verifier. */
    static void skipWriteResponse(XdrReader r) {
        int n = r.count(1, 16, "wr_callback_id");
        r.skip(16 * n);
        r.skip(8 + 4 + NFS4_VERIFIER_SIZE);
    }

    /** callback_sec_parms4 (RFC 8881 §18.36): AUTH_NONE, AUTH_SYS parameters, or GSS handles. */
    static void skipCallbackSecParms(XdrReader r) {
        int flavor = r.u32();
        switch (flavor) {
            case 0 -> { }
            case 1 -> {
                r.skip(4);
                r.skipOpaque(255);
                r.skip(8);
                int gids = r.count(16, 4, "gids");
                r.skip(4 * gids);
            }
            case 6 -> {
                r.skip(4);
                skipOpaque(r);
                skipOpaque(r);
            }
            default -> throw new org.nfslockscope.xdr.XdrException("callback flavor " + flavor, r.offset() - 4);
        }
    }

    /** channel_attrs4: six counters and an optional RDMA ird. */
    static int channelAttrs(XdrReader r) {
        r.skip(20);
        int maxRequests = r.u32();
        int n = r.count(1, 4, "ca_rdma_ird");
        r.skip(4 * n);
        return maxRequests;
    }

    /** A list of opaques, each at least its four-byte length. */
    static void skipOpaqueList(XdrReader r, String what) {
        int n = r.count(MAX_STRING, 4, what);
        for (int i = 0; i < n; i++) {
            skipOpaque(r);
        }
    }

    /** state_protect_ops4: two bitmaps. */
    static void skipStateProtectOps(XdrReader r) {
        skipBitmap(r);
        skipBitmap(r);
    }

    /** nfs_impl_id4<1>: domain, name and date. */
    static void skipImplId(XdrReader r) {
        int n = r.count(1, 20, "nfs_impl_id4");
        for (int i = 0; i < n; i++) {
            skipOpaque(r);
            skipOpaque(r);
            skipNfstime(r);
        }
    }

    /** notify4<> (RFC 8881 §20.4, §20.12): a bitmap and an opaque list each. */
    static void skipNotifyList(XdrReader r) {
        int n = r.count(MAX_STRING, 8, "notify4");
        for (int i = 0; i < n; i++) {
            skipBitmap(r);
            skipOpaque(r);
        }
    }

    /** layoutupdate4 and layout_content4 and device_addr4: a layout type and an opaque body. */
    static void skipTypedBody(XdrReader r) {
        r.skip(4);
        skipOpaque(r);
    }

    /** secinfo4<>: flavors, with an OID, QOP and service for RPCSEC_GSS. */
    static void skipSecinfoList(XdrReader r) {
        int n = r.count(MAX_STRING, 4, "secinfo4");
        for (int i = 0; i < n; i++) {
            if (r.u32() == 6) {
                skipOpaque(r);
                r.skip(8);
            }
        }
    }
}
