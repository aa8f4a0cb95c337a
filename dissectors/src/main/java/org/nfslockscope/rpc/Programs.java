package org.nfslockscope.rpc;

/** ONC RPC program numbers and procedure names of the programs an NFS capture carries. */
public final class Programs {
    public static final int PORTMAP = 100000;
    public static final int NFS = 100003;
    public static final int MOUNT = 100005;
    public static final int NLM = 100021;
    public static final int NSM = 100024;
    public static final int NFS_ACL = 100227;

    private static final String[] NFS2 = {"NULL", "GETATTR", "SETATTR", "ROOT", "LOOKUP", "READLINK", "READ",
        "WRITECACHE", "WRITE", "CREATE", "REMOVE", "RENAME", "LINK", "SYMLINK", "MKDIR", "RMDIR", "READDIR", "STATFS"};
    private static final String[] NFS3 = {"NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ",
        "WRITE", "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR",
        "READDIRPLUS", "FSSTAT", "FSINFO", "PATHCONF", "COMMIT"};
    private static final String[] NFS4 = {"NULL", "COMPOUND"};
    private static final String[] CB = {"CB_NULL", "CB_COMPOUND"};
    private static final String[] NLM_PROCS = {"NULL", "TEST", "LOCK", "CANCEL", "UNLOCK", "GRANTED",
        "TEST_MSG", "LOCK_MSG", "CANCEL_MSG", "UNLOCK_MSG", "GRANTED_MSG", "TEST_RES", "LOCK_RES",
        "CANCEL_RES", "UNLOCK_RES", "GRANTED_RES", "NSM_NOTIFY", null, null, null, "SHARE", "UNSHARE",
        "NM_LOCK", "FREE_ALL"};
    private static final String[] NSM_PROCS = {"SM_NULL", "SM_STAT", "SM_MON", "SM_UNMON", "SM_UNMON_ALL",
        "SM_SIMU_CRASH", "SM_NOTIFY"};
    private static final String[] MOUNT_PROCS = {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"};
    private static final String[] PMAP2 = {"NULL", "SET", "UNSET", "GETPORT", "DUMP", "CALLIT"};
    private static final String[] RPCB3 = {"NULL", "SET", "UNSET", "GETADDR", "DUMP", "CALLIT", "GETTIME",
        "UADDR2TADDR", "TADDR2UADDR"};
    private static final String[] RPCB4 = {"NULL", "SET", "UNSET", "GETADDR", "DUMP", "BCAST", "GETTIME",
        "UADDR2TADDR", "TADDR2UADDR", "GETVERSADDR", "INDIRECT", "GETADDRLIST", "GETSTAT"};
    private static final String[] ACL2 = {"NULL", "GETACL", "SETACL", "GETATTR", "ACCESS", "GETXATTRDIR"};
    private static final String[] ACL3 = {"NULL", "GETACL", "SETACL", "GETXATTRDIR"};

    private Programs() {
    }

    /** The transient range (RFC 5531 §7.3) from which NFSv4 clients pick their callback program. */
    public static boolean isTransient(int program) {
        return program >= 0x40000000 && program <= 0x5fffffff;
    }

    public static String programName(int program) {
        return switch (program) {
            case PORTMAP -> "PORTMAP";
            case NFS -> "NFS";
            case MOUNT -> "MOUNT";
            case NLM -> "NLM";
            case NSM -> "NSM";
            case NFS_ACL -> "NFS_ACL";
            default -> isTransient(program) ? "NFS_CB" : String.valueOf(program & 0xffffffffL);
        };
    }

    /** The procedure's name, or its number as text when the program or procedure is unknown. */
    public static String procedureName(int program, int version, int procedure) {
        String[] table = switch (program) {
            case NFS -> version == 2 ? NFS2 : version == 3 ? NFS3 : version == 4 ? NFS4 : null;
            case NLM -> NLM_PROCS;
            case NSM -> NSM_PROCS;
            case MOUNT -> MOUNT_PROCS;
            case PORTMAP -> version == 2 ? PMAP2 : version == 3 ? RPCB3 : RPCB4;
            case NFS_ACL -> version == 2 ? ACL2 : ACL3;
            default -> isTransient(program) && version == 1 ? CB : null;
        };
        if (table != null && procedure >= 0 && procedure < table.length && table[procedure] != null) {
            return table[procedure];
        }
        return String.valueOf(procedure & 0xffffffffL);
    }
}
