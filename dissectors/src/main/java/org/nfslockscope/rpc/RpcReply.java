package org.nfslockscope.rpc;

/**
 * A REPLY header. {@code replyStat} is MSG_ACCEPTED (0) or MSG_DENIED (1); for accepted replies
 * {@code acceptStat} is SUCCESS (0) .. SYSTEM_ERR (5); for denied ones {@code rejectStat} says
 * RPC_MISMATCH (0) or AUTH_ERROR (1) and {@code authStat} why. {@code low}/{@code high} carry
 * the version range of a mismatch.
 */
public record RpcReply(int xid, int replyStat, int verifierFlavor, int acceptStat, int rejectStat,
                       int authStat, int low, int high, int bodyOffset) implements RpcMessage {
    public static final int MSG_ACCEPTED = 0;
    public static final int MSG_DENIED = 1;
    public static final int SUCCESS = 0;

    /** Procedure results follow (accepted with SUCCESS). */
    public boolean hasResults() {
        return replyStat == MSG_ACCEPTED && acceptStat == SUCCESS;
    }

    /** "SUCCESS", "PROG_UNAVAIL", "AUTH_ERROR(AUTH_BADCRED)" and so on. */
    public String statusName() {
        return statusName(replyStat, acceptStat, rejectStat, authStat);
    }

    static String statusName(int replyStat, int acceptStat, int rejectStat, int authStat) {
        if (replyStat == MSG_ACCEPTED) {
            return switch (acceptStat) {
                case 0 -> "SUCCESS";
                case 1 -> "PROG_UNAVAIL";
                case 2 -> "PROG_MISMATCH";
                case 3 -> "PROC_UNAVAIL";
                case 4 -> "GARBAGE_ARGS";
                case 5 -> "SYSTEM_ERR";
                default -> "ACCEPT_STAT_" + acceptStat;
            };
        }
        if (rejectStat == 0) {
            return "RPC_MISMATCH";
        }
        String why = switch (authStat) {
            case 0 -> "AUTH_OK";
            case 1 -> "AUTH_BADCRED";
            case 2 -> "AUTH_REJECTEDCRED";
            case 3 -> "AUTH_BADVERF";
            case 4 -> "AUTH_REJECTEDVERF";
            case 5 -> "AUTH_TOOWEAK";
            case 6 -> "AUTH_INVALIDRESP";
            case 7 -> "AUTH_FAILED";
            case 13 -> "RPCSEC_GSS_CREDPROBLEM";
            case 14 -> "RPCSEC_GSS_CTXPROBLEM";
            default -> String.valueOf(authStat);
        };
        return "AUTH_ERROR(" + why + ")";
    }
}
