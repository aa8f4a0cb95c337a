package org.nfslockscope.nfs4;

import java.util.HashMap;
import java.util.Map;

/** RFC names for operation numbers and nfsstat4 codes, as the dump output and tshark spell them. */
public final class Nfs4Names {
    public static final int OP_ILLEGAL = 10044;

    private static final String[] OPS = {
        null, null, null, "ACCESS", "CLOSE", "COMMIT", "CREATE", "DELEGPURGE", "DELEGRETURN",
        "GETATTR", "GETFH", "LINK", "LOCK", "LOCKT", "LOCKU", "LOOKUP", "LOOKUPP", "NVERIFY", "OPEN",
        "OPENATTR", "OPEN_CONFIRM", "OPEN_DOWNGRADE", "PUTFH", "PUTPUBFH", "PUTROOTFH", "READ",
        "READDIR", "READLINK", "REMOVE", "RENAME", "RENEW", "RESTOREFH", "SAVEFH", "SECINFO",
        "SETATTR", "SETCLIENTID", "SETCLIENTID_CONFIRM", "VERIFY", "WRITE", "RELEASE_LOCKOWNER",
        "BACKCHANNEL_CTL", "BIND_CONN_TO_SESSION", "EXCHANGE_ID", "CREATE_SESSION",
        "DESTROY_SESSION", "FREE_STATEID", "GET_DIR_DELEGATION", "GETDEVICEINFO", "GETDEVICELIST",
        "LAYOUTCOMMIT", "LAYOUTGET", "LAYOUTRETURN", "SECINFO_NO_NAME", "SEQUENCE", "SET_SSV",
        "TEST_STATEID", "WANT_DELEGATION", "DESTROY_CLIENTID", "RECLAIM_COMPLETE", "ALLOCATE",
        "COPY", "COPY_NOTIFY", "DEALLOCATE", "IO_ADVISE", "LAYOUTERROR", "LAYOUTSTATS",
        "OFFLOAD_CANCEL", "OFFLOAD_STATUS", "READ_PLUS", "SEEK", "WRITE_SAME", "CLONE", "GETXATTR",
        "SETXATTR", "LISTXATTRS", "REMOVEXATTR",
    };

    private static final String[] CB_OPS = {
        null, null, null, "CB_GETATTR", "CB_RECALL", "CB_LAYOUTRECALL", "CB_NOTIFY",
        "CB_PUSH_DELEG", "CB_RECALL_ANY", "CB_RECALLABLE_OBJ_AVAIL", "CB_RECALL_SLOT",
        "CB_SEQUENCE", "CB_WANTS_CANCELLED", "CB_NOTIFY_LOCK", "CB_NOTIFY_DEVICEID", "CB_OFFLOAD",
    };

    private static final Map<Integer, String> STATUS = new HashMap<>();

    static {
        String[] low = {"0:NFS4_OK", "1:NFS4ERR_PERM", "2:NFS4ERR_NOENT", "5:NFS4ERR_IO",
            "6:NFS4ERR_NXIO", "13:NFS4ERR_ACCESS", "17:NFS4ERR_EXIST", "18:NFS4ERR_XDEV",
            "20:NFS4ERR_NOTDIR", "21:NFS4ERR_ISDIR", "22:NFS4ERR_INVAL", "27:NFS4ERR_FBIG",
            "28:NFS4ERR_NOSPC", "30:NFS4ERR_ROFS", "31:NFS4ERR_MLINK", "63:NFS4ERR_NAMETOOLONG",
            "66:NFS4ERR_NOTEMPTY", "69:NFS4ERR_DQUOT", "70:NFS4ERR_STALE"};
        for (String s : low) {
            int colon = s.indexOf(':');
            STATUS.put(Integer.parseInt(s.substring(0, colon)), s.substring(colon + 1));
        }
        // 10001 upwards are consecutive except for the two unassigned codes (null).
        String[] high = {"BADHANDLE", null, "BAD_COOKIE", "NOTSUPP", "TOOSMALL", "SERVERFAULT",
            "BADTYPE", "DELAY", "SAME", "DENIED", "EXPIRED", "LOCKED", "GRACE", "FHEXPIRED",
            "SHARE_DENIED", "WRONGSEC", "CLID_INUSE", "RESOURCE", "MOVED", "NOFILEHANDLE",
            "MINOR_VERS_MISMATCH", "STALE_CLIENTID", "STALE_STATEID", "OLD_STATEID", "BAD_STATEID",
            "BAD_SEQID", "NOT_SAME", "LOCK_RANGE", "SYMLINK", "RESTOREFH", "LEASE_MOVED",
            "ATTRNOTSUPP", "NO_GRACE", "RECLAIM_BAD", "RECLAIM_CONFLICT", "BADXDR", "LOCKS_HELD",
            "OPENMODE", "BADOWNER", "BADCHAR", "BADNAME", "BAD_RANGE", "LOCK_NOTSUPP", "OP_ILLEGAL",
            "DEADLOCK", "FILE_OPEN", "ADMIN_REVOKED", "CB_PATH_DOWN", "BADIOMODE", "BADLAYOUT",
            "BAD_SESSION_DIGEST", "BADSESSION", "BADSLOT", "COMPLETE_ALREADY",
            "CONN_NOT_BOUND_TO_SESSION", "DELEG_ALREADY_WANTED", "BACK_CHAN_BUSY",
            "LAYOUTTRYLATER", "LAYOUTUNAVAILABLE", "NOMATCHING_LAYOUT", "RECALLCONFLICT",
            "UNKNOWN_LAYOUTTYPE", "SEQ_MISORDERED", "SEQUENCE_POS", "REQ_TOO_BIG", "REP_TOO_BIG",
            "REP_TOO_BIG_TO_CACHE", "RETRY_UNCACHED_REP", "UNSAFE_COMPOUND", "TOO_MANY_OPS",
            "OP_NOT_IN_SESSION", "HASH_ALG_UNSUPP", null, "CLIENTID_BUSY", "PNFS_IO_HOLE",
            "SEQ_FALSE_RETRY", "BAD_HIGH_SLOT", "DEADSESSION", "ENCR_ALG_UNSUPP", "PNFS_NO_LAYOUT",
            "NOT_ONLY_OP", "WRONG_CRED", "WRONG_TYPE", "DIRDELEG_UNAVAIL", "REJECT_DELEG",
            "RETURNCONFLICT", "DELEG_REVOKED", "PARTNER_NOTSUPP", "PARTNER_NO_AUTH",
            "UNION_NOTSUPP", "OFFLOAD_DENIED", "WRONG_LFS", "BADLABEL", "OFFLOAD_NO_REQS",
            "NOXATTR", "XATTR2BIG"};
        for (int i = 0; i < high.length; i++) {
            if (high[i] != null) {
                STATUS.put(10001 + i, "NFS4ERR_" + high[i]);
            }
        }
    }

    private Nfs4Names() {
    }

    /** Name of a forward-channel operation, or null for a number no minor version defines. */
    public static String op(int opcode) {
        if (opcode == OP_ILLEGAL) {
            return "ILLEGAL";
        }
        return opcode >= 0 && opcode < OPS.length ? OPS[opcode] : null;
    }

    /** Name of a callback operation, or null for an undefined number. */
    public static String cbOp(int opcode) {
        if (opcode == OP_ILLEGAL) {
            return "CB_ILLEGAL";
        }
        return opcode >= 0 && opcode < CB_OPS.length ? CB_OPS[opcode] : null;
    }

    /** "NFS4ERR_DENIED" for 10010; the number itself for codes no RFC assigns. */
    public static String status(int status) {
        String s = STATUS.get(status);
        return s != null ? s : Integer.toUnsignedString(status);
    }

    public static String lockType(int type) {
        return switch (type) {
            case 1 -> "READ_LT";
            case 2 -> "WRITE_LT";
            case 3 -> "READW_LT";
            case 4 -> "WRITEW_LT";
            default -> Integer.toUnsignedString(type);
        };
    }

    public static String claim(int claim) {
        return switch (claim) {
            case 0 -> "CLAIM_NULL";
            case 1 -> "CLAIM_PREVIOUS";
            case 2 -> "CLAIM_DELEGATE_CUR";
            case 3 -> "CLAIM_DELEGATE_PREV";
            case 4 -> "CLAIM_FH";
            case 5 -> "CLAIM_DELEG_CUR_FH";
            case 6 -> "CLAIM_DELEG_PREV_FH";
            default -> Integer.toUnsignedString(claim);
        };
    }

    public static String delegationType(int type) {
        return switch (type) {
            case 0 -> "OPEN_DELEGATE_NONE";
            case 1 -> "OPEN_DELEGATE_READ";
            case 2 -> "OPEN_DELEGATE_WRITE";
            case 3 -> "OPEN_DELEGATE_NONE_EXT";
            default -> Integer.toUnsignedString(type);
        };
    }
}
