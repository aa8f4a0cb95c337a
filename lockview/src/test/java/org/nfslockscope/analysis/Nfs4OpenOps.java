package org.nfslockscope.analysis;

import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.XdrWriter;

/**
 * NFSv4.0 OPEN, OPEN_CONFIRM, READ and WRITE COMPOUNDs on a {@link Nfs4Scenario}'s connections,
 * for the rules about opens and I/O. The open stateid handed out is the one the scenario's LOCK
 * names as its open, so a LOCK after {@link #open} locks on that open.
 */
final class Nfs4OpenOps {
    private final Nfs4Scenario s;
    private final String fh;
    private int xid = 0x9000;

    Nfs4OpenOps(Nfs4Scenario s) {
        this(s, Nfs4Scenario.FH);
    }

    Nfs4OpenOps(Nfs4Scenario s, String fh) {
        this.s = s;
        this.fh = fh;
    }

    static String openOther(Nfs4Scenario.Client c) {
        return String.format("%016x%08x", c.clientid, 1);
    }

    private static XdrWriter stateid(XdrWriter x, int seqid, String other) {
        return x.u32(seqid).fixedHex(other);
    }

    /** PUTFH + OPEN (CLAIM_NULL, no create) + GETFH; {@code rflags} 2 asks for OPEN_CONFIRM. */
    int[] open(Nfs4Scenario.Client c, int seqid, int rflags) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(3).u32(22).opaqueHex(fh)
                .u32(18).u32(seqid).u32(3).u32(0).u64(c.clientid).string("open-" + c.owner)
                .u32(0).u32(0).string("f").u32(10);
        XdrWriter res = new XdrWriter().u32(0).string("").u32(3).u32(22).u32(0).u32(18).u32(0);
        stateid(res, 1, openOther(c)).bool(true).u64(1).u64(2).u32(rflags).u32(0).u32(0);
        res.u32(10).u32(0).opaqueHex(fh);
        return exchange(c, args, res);
    }

    /** PUTFH + OPEN_CONFIRM of the open stateid, answered {@code status}; {@code answered} false leaves it unanswered. */
    int[] confirm(Nfs4Scenario.Client c, int seqid, int status, boolean answered) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2).u32(22).opaqueHex(fh).u32(20);
        stateid(args, 1, openOther(c)).u32(seqid);
        XdrWriter res = new XdrWriter().u32(status).string("").u32(2).u32(22).u32(0).u32(20).u32(status);
        if (status == 0) {
            stateid(res, 2, openOther(c));
        }
        if (!answered) {
            Message call = send(c, args);
            return new int[] {call.frame(), 0};
        }
        return exchange(c, args, res);
    }

    /** PUTFH + READ of {@code count} bytes at {@code offset} under the stateid {@code other}. */
    int[] read(Nfs4Scenario.Client c, String other, long offset, int count, int status) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2).u32(22).opaqueHex(fh).u32(25);
        stateid(args, 1, other).u64(offset).u32(count);
        XdrWriter res = new XdrWriter().u32(status).string("").u32(2).u32(22).u32(0).u32(25).u32(status);
        if (status == 0) {
            res.bool(false).opaque(new byte[count]);
        }
        return exchange(c, args, res);
    }

    /** PUTFH + WRITE of {@code count} bytes at {@code offset} under the stateid {@code other}. */
    int[] write(Nfs4Scenario.Client c, String other, long offset, int count, int status) {
        XdrWriter args = new XdrWriter().string("").u32(0).u32(2).u32(22).opaqueHex(fh).u32(38);
        stateid(args, 1, other).u64(offset).u32(2).opaque(new byte[count]);
        XdrWriter res = new XdrWriter().u32(status).string("").u32(2).u32(22).u32(0).u32(38).u32(status);
        if (status == 0) {
            res.u32(count).u32(2).u64(0);
        }
        return exchange(c, args, res);
    }

    private Message send(Nfs4Scenario.Client c, XdrWriter args) {
        return c.flow.call(Rpc.call(++xid, Programs.NFS, 4, 1).authSys("h", 0, 0).body(args.bytes()));
    }

    /** Any COMPOUND: its arguments and results as written. */
    int[] exchange(Nfs4Scenario.Client c, XdrWriter args, XdrWriter res) {
        Message call = send(c, args);
        s.capture.step(1_000_000);
        Message reply = c.flow.reply(Rpc.reply(call.xid()).body(res.bytes()));
        s.capture.step(1_000_000);
        return new int[] {call.frame(), reply.frame()};
    }
}
