package org.nfslockscope.nfs4;

import static org.nfslockscope.nfs4.Nfs4Xdr.skipBitmap;
import static org.nfslockscope.nfs4.Nfs4Xdr.skipChangeInfo;
import static org.nfslockscope.nfs4.Nfs4Xdr.skipFattr;
import static org.nfslockscope.nfs4.Nfs4Xdr.skipOpaque;
import static org.nfslockscope.nfs4.Nfs4Xdr.skipStateid;

import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/**
 * Steps over the operations that {@link PlainOp} stands for. Fixed-size parts are skipped as
 * byte counts, with the XDR fields they cover named in the comment beside them.
 */
final class PlainOps {
    private static final int NFS4ERR_TOOSMALL = 10005;
    private static final int NFS4ERR_LAYOUTTRYLATER = 10058;
    private static final int NFS4ERR_OFFLOAD_NO_REQS = 10094;

    private PlainOps() {
    }

    static void skipArgs(int opcode, XdrReader r) {
        switch (opcode) {
            case 3, 52 -> r.skip(4);                           // access mask; secinfo_style4
            case 5 -> r.skip(12);                              // offset, count
            case 6 -> skipCreate(r);
            case 11, 15, 28, 33, 72, 75 -> skipOpaque(r);      // a name or an xattr key
            case 17, 37 -> skipFattr(r);                       // NVERIFY, VERIFY
            case 19 -> r.bool();                               // createdir
            case 26 -> {                                       // cookie, cookieverf, dircount, maxcount
                r.skip(24);
                skipBitmap(r);
            }
            case 29 -> {                                       // old name, new name
                skipOpaque(r);
                skipOpaque(r);
            }
            case 46 -> {                                       // signal, types, two delays, two bitmaps
                r.bool();
                skipBitmap(r);
                r.skip(24);
                skipBitmap(r);
                skipBitmap(r);
            }
            case 47 -> {                                       // deviceid, layout type, maxcount
                r.skip(24);
                skipBitmap(r);
            }
            case 48 -> r.skip(24);                             // layout type, maxdevices, cookie, cookieverf
            case 49 -> skipLayoutCommit(r);
            case 50 -> {                                       // signal, type, iomode, offset, length, minlength
                r.bool();
                r.skip(32);
                skipStateid(r);
                r.skip(4);                                     // maxcount
            }
            case 51 -> skipLayoutReturn(r);
            case 54 -> {                                       // ssv, digest
                skipOpaque(r);
                skipOpaque(r);
            }
            case 56 -> skipWantDelegation(r);
            case 59, 62 -> {                                   // stateid, offset, length
                skipStateid(r);
                r.skip(16);
            }
            case 60 -> skipCopy(r);
            case 61 -> {                                       // source stateid, destination
                skipStateid(r);
                Nfs4Xdr.skipNetloc(r);
            }
            case 63 -> {                                       // stateid, offset, count, hints
                skipStateid(r);
                r.skip(16);
                skipBitmap(r);
            }
            case 64 -> {                                       // offset, length, stateid, device_error4<>
                r.skip(16);
                skipStateid(r);
                int n = r.count(Nfs4Xdr.MAX_STRING, 24, "device_error4");
                r.skip(24 * n);
            }
            case 65 -> {                                       // offset, length, stateid, read and write io_info4, deviceid
                r.skip(16);
                skipStateid(r);
                r.skip(48);
                Nfs4Xdr.skipTypedBody(r);
            }
            case 66, 67 -> skipStateid(r);
            case 68, 69 -> {                                   // stateid, offset, count or what
                skipStateid(r);
                r.skip(12);
            }
            case 70 -> {                                       // stateid, stable, app_data_block4
                skipStateid(r);
                r.skip(4 + 44);
                skipOpaque(r);
            }
            case 71 -> {                                       // two stateids, two offsets, count
                skipStateid(r);
                skipStateid(r);
                r.skip(24);
            }
            case 73 -> {                                       // option, key, value
                r.skip(4);
                skipOpaque(r);
                skipOpaque(r);
            }
            case 74 -> r.skip(12);                             // cookie, maxcount
            default -> { }                                     // no arguments
        }
    }

    /** createtype4: a symlink carries its target, devices their numbers, the rest nothing. */
    private static void skipCreate(XdrReader r) {
        int type = r.u32();
        if (type == 5) {
            skipOpaque(r);
        } else if (type == 3 || type == 4) {
            r.skip(8);
        }
        skipOpaque(r);
        skipFattr(r);
    }

    private static void skipLayoutCommit(XdrReader r) {
        r.skip(16);                                            // offset, length
        r.bool();                                              // reclaim
        skipStateid(r);
        if (r.bool()) {
            r.skip(8);                                         // new offset
        }
        if (r.bool()) {
            Nfs4Xdr.skipNfstime(r);                            // new time
        }
        Nfs4Xdr.skipTypedBody(r);
    }

    private static void skipLayoutReturn(XdrReader r) {
        r.bool();                                              // reclaim
        r.skip(8);                                             // layout type, iomode
        if (r.u32() == 1) {                                    // LAYOUTRETURN4_FILE
            r.skip(16);
            skipStateid(r);
            skipOpaque(r);
        }
    }

    private static void skipWantDelegation(XdrReader r) {
        r.skip(4);                                             // want
        int claim = r.u32();
        switch (claim) {
            case Open.CLAIM_PREVIOUS -> r.skip(4);
            case Open.CLAIM_FH, Open.CLAIM_DELEG_PREV_FH -> { }
            default -> throw new XdrException("deleg_claim4 " + claim, r.offset() - 4);
        }
    }

    private static void skipCopy(XdrReader r) {
        skipStateid(r);
        skipStateid(r);
        r.skip(24);                                            // two offsets, count
        r.bool();                                              // consecutive
        r.bool();                                              // synchronous
        int n = r.count(Nfs4Xdr.MAX_STRING, 8, "ca_source_server");
        for (int i = 0; i < n; i++) {
            Nfs4Xdr.skipNetloc(r);
        }
    }

    static void skipResult(int opcode, int status, XdrReader r) {
        if (opcode == SetAttr.OPCODE) {
            skipBitmap(r);                                     // SETATTR4res has attrsset whatever the status
            return;
        }
        if (status != 0) {
            switch (opcode) {
                case 47 -> {
                    if (status == NFS4ERR_TOOSMALL) {
                        r.skip(4);
                    }
                }
                case 50 -> {
                    if (status == NFS4ERR_LAYOUTTRYLATER) {
                        r.bool();
                    }
                }
                case 60 -> {
                    if (status == NFS4ERR_OFFLOAD_NO_REQS) {
                        r.bool();
                        r.bool();
                    }
                }
                default -> { }
            }
            return;
        }
        switch (opcode) {
            case 3 -> r.skip(8);                               // supported, access
            case 5 -> r.skip(Nfs4Xdr.NFS4_VERIFIER_SIZE);
            case 6 -> {
                skipChangeInfo(r);
                skipBitmap(r);
            }
            case 11, 28, 73, 75 -> skipChangeInfo(r);
            case 26 -> skipReaddir(r);
            case 27, 54, 72 -> skipOpaque(r);                  // link text, digest, xattr value
            case 29 -> {
                skipChangeInfo(r);
                skipChangeInfo(r);
            }
            case 33, 52 -> Nfs4Xdr.skipSecinfoList(r);
            case 46 -> skipGetDirDelegation(r);
            case 47 -> {
                Nfs4Xdr.skipTypedBody(r);
                skipBitmap(r);
            }
            case 48 -> {                                       // cookie, cookieverf, deviceids, eof
                r.skip(16);
                int n = r.count(Nfs4Xdr.MAX_STRING, Nfs4Xdr.DEVICEID_SIZE, "deviceid4");
                r.skip(Nfs4Xdr.DEVICEID_SIZE * n);
                r.bool();
            }
            case 49 -> {
                if (r.bool()) {
                    r.skip(8);                                 // new size
                }
            }
            case 50 -> skipLayoutGet(r);
            case 51 -> {
                if (r.bool()) {
                    skipStateid(r);
                }
            }
            case 56 -> Delegation.read(r);
            case 60 -> {
                Nfs4Xdr.skipWriteResponse(r);
                r.bool();
                r.bool();
            }
            case 61 -> {                                       // lease time, stateid, source servers
                Nfs4Xdr.skipNfstime(r);
                skipStateid(r);
                int n = r.count(Nfs4Xdr.MAX_STRING, 8, "cnr_source_server");
                for (int i = 0; i < n; i++) {
                    Nfs4Xdr.skipNetloc(r);
                }
            }
            case 63 -> skipBitmap(r);
            case 67 -> {                                       // count, complete<1>
                r.skip(8);
                int n = r.count(1, 4, "osr_complete");
                r.skip(4 * n);
            }
            case 68 -> skipReadPlus(r);
            case 69 -> {                                       // eof, offset
                r.bool();
                r.skip(8);
            }
            case 70 -> Nfs4Xdr.skipWriteResponse(r);
            case 74 -> {                                       // cookie, names, eof
                r.skip(8);
                Nfs4Xdr.skipOpaqueList(r, "lxr_names");
                r.bool();
            }
            default -> { }                                     // status only
        }
    }

    /** dirlist4: a linked list of entries, each announced by a TRUE. */
    private static void skipReaddir(XdrReader r) {
        r.skip(Nfs4Xdr.NFS4_VERIFIER_SIZE);
        while (r.bool()) {
            r.skip(8);                                         // cookie
            skipOpaque(r);                                     // name
            skipFattr(r);
        }
        r.bool();                                              // eof
    }

    private static void skipGetDirDelegation(XdrReader r) {
        int nonFatal = r.u32();
        if (nonFatal == 0) {                                   // GDD4_OK
            r.skip(Nfs4Xdr.NFS4_VERIFIER_SIZE);
            skipStateid(r);
            skipBitmap(r);
            skipBitmap(r);
            skipBitmap(r);
        } else if (nonFatal == 1) {                            // GDD4_UNAVAIL
            r.bool();
        } else {
            throw new XdrException("gddrnf4_status " + nonFatal, r.offset() - 4);
        }
    }

    private static void skipLayoutGet(XdrReader r) {
        r.bool();                                              // return on close
        skipStateid(r);
        int n = r.count(Nfs4Xdr.MAX_STRING, 28, "layout4");
        for (int i = 0; i < n; i++) {
            r.skip(20);                                        // offset, length, iomode
            Nfs4Xdr.skipTypedBody(r);
        }
    }

    private static void skipReadPlus(XdrReader r) {
        r.bool();                                              // eof
        int n = r.count(Nfs4Xdr.MAX_STRING, 4, "read_plus_content");
        for (int i = 0; i < n; i++) {
            int type = r.u32();
            if (type == 0) {                                   // NFS4_CONTENT_DATA: offset, data
                r.skip(8);
                skipOpaque(r);
            } else if (type == 1) {                            // NFS4_CONTENT_HOLE: offset, length
                r.skip(16);
            } else {
                throw new XdrException("data_content4 " + type, r.offset() - 4);
            }
        }
    }
}
