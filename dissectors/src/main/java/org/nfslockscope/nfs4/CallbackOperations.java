package org.nfslockscope.nfs4;

import static org.nfslockscope.nfs4.Nfs4Xdr.skipBitmap;

import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/** Reads the arguments and results of callback operations (RFC 7530 §16.2-ff of the callback program, RFC 8881 §20, RFC 7862 §16). */
final class CallbackOperations {
    private CallbackOperations() {
    }

    /** The arguments of callback {@code opcode}, or null when no minor version defines it. */
    static Nfs4Op args(int opcode, XdrReader r) {
        switch (opcode) {
            case CbRecall.OPCODE:
                return CbRecall.read(r);
            case CbSequence.OPCODE:
                return CbSequence.read(r);
            case CbNotifyLock.OPCODE:
                return CbNotifyLock.read(r);
            case 3:                                            // CB_GETATTR: fh, attributes wanted
                r.skipOpaque(Nfs4Xdr.NFS4_FHSIZE);
                skipBitmap(r);
                break;
            case 5:
                skipLayoutRecall(r);
                break;
            case 6:                                            // CB_NOTIFY: stateid, fh, changes
                Nfs4Xdr.skipStateid(r);
                Nfs4Xdr.skipOpaque(r);
                Nfs4Xdr.skipNotifyList(r);
                break;
            case 7:                                            // CB_PUSH_DELEG: fh, delegation
                Nfs4Xdr.skipOpaque(r);
                Delegation.read(r);
                break;
            case 8, 9:                                         // objects to keep, type mask
                r.skip(4);
                skipBitmap(r);
                break;
            case 10:                                           // target highest slot
                r.skip(4);
                break;
            case 12:                                           // contended, resourced
                r.bool();
                r.bool();
                break;
            case 14:
                Nfs4Xdr.skipNotifyList(r);
                break;
            case 15:
                skipOffload(r);
                break;
            default:
                if (Nfs4Names.cbOp(opcode) == null) {
                    return null;
                }
        }
        return new PlainOp(opcode, true);
    }

    /** The result of callback {@code opcode}, or null when no minor version defines it. */
    static Nfs4Result result(int opcode, XdrReader r) {
        if (Nfs4Names.cbOp(opcode) == null) {
            return null;
        }
        int status = r.u32();
        if (opcode == CbSequence.OPCODE) {
            return CbSequence.Result.read(status, r);
        }
        if (opcode == 3 && status == 0) {                      // CB_GETATTR: fattr4
            Nfs4Xdr.skipFattr(r);
        }
        return new PlainResult(opcode, true, status);
    }

    /** layoutrecall4: a file range, a file system, or everything. */
    private static void skipLayoutRecall(XdrReader r) {
        r.skip(8);                                             // layout type, iomode
        r.bool();                                              // changed
        int type = r.u32();
        switch (type) {
            case 1 -> {                                        // fh, offset, length, stateid
                Nfs4Xdr.skipOpaque(r);
                r.skip(16);
                Nfs4Xdr.skipStateid(r);
            }
            case 2 -> r.skip(16);                              // fsid4
            case 3 -> { }
            default -> throw new XdrException("layoutrecall_type4 " + type, r.offset() - 4);
        }
    }

    /** CB_OFFLOAD: fh, stateid, then the copy's write_response4 or the bytes copied before it failed. */
    private static void skipOffload(XdrReader r) {
        Nfs4Xdr.skipOpaque(r);
        Nfs4Xdr.skipStateid(r);
        if (r.u32() == 0) {
            Nfs4Xdr.skipWriteResponse(r);
        } else {
            r.skip(8);
        }
    }
}
