package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.XdrWriter;

/** V40-OPEN-UNCONFIRMED on built NFSv4.0 captures (15 s lease): opens that needed OPEN_CONFIRM. */
class OpenConfirmRuleTest {
    private static final int CONFIRM = 2;

    private final Nfs4Scenario s = new Nfs4Scenario();
    private final Nfs4OpenOps ops = new Nfs4OpenOps(s);
    private final Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "owner-one");

    @Test
    void anOpenNeverConfirmedWithinTheLeaseIsReported() {
        int[] open = ops.open(c, 1, CONFIRM);
        s.after(10);
        s.renew(c);
        s.after(10);
        s.renew(c);
        List<Finding> f = of(s.analyze(), "V40-OPEN-UNCONFIRMED");
        assertEquals(1, f.size(), f.toString());
        assertEquals(open[1], f.get(0).frame());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).frames().contains((long) open[0]), f.get(0).frames().toString());
    }

    @Test
    void lockingOnAnUnconfirmedOpenIsReportedAtTheLock() {
        ops.open(c, 1, CONFIRM);
        int[] lock = s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, Nfs4Scenario.BAD_STATEID);
        List<Finding> f = of(s.analyze(), "V40-OPEN-UNCONFIRMED");
        assertEquals(1, f.size(), f.toString());
        assertEquals(lock[1], f.get(0).frame());
        assertTrue(f.get(0).message().contains("NFS4ERR_BAD_STATEID"), f.get(0).message());
    }

    @Test
    void readingOnAnUnconfirmedOpenIsReported() {
        ops.open(c, 1, CONFIRM);
        int[] read = ops.read(c, Nfs4OpenOps.openOther(c), 0, 8, 0);
        List<Finding> f = of(s.analyze(), "V40-OPEN-UNCONFIRMED");
        assertEquals(1, f.size(), f.toString());
        assertEquals(read[1], f.get(0).frame());
    }

    @Test
    void confirmedOrNeverAskedOpensAreQuiet() {
        ops.open(c, 1, CONFIRM);
        ops.confirm(c, 2, 0, true);
        s.lock(c, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        Nfs4Scenario.Client other = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        ops.open(other, 1, 0); // no OPEN4_RESULT_CONFIRM: usable at once
        ops.write(other, Nfs4OpenOps.openOther(other), 100, 8, 0);
        s.after(20);
        s.renew(c);
        s.renew(other);
        assertEquals(List.of(), of(s.analyze(), "V40-OPEN-UNCONFIRMED"));
    }

    @Test
    void aConfirmWhoseReplyIsMissingStillCounts() {
        ops.open(c, 1, CONFIRM);
        ops.confirm(c, 2, 0, false);
        s.after(20);
        s.renew(c);
        assertEquals(List.of(), of(s.analyze(), "V40-OPEN-UNCONFIRMED"));
    }

    @Test
    void aClientThatFallsSilentLosesTheOpenWithItsLease() {
        ops.open(c, 1, CONFIRM);
        Nfs4Scenario.Client other = s.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.after(20);
        s.renew(other);
        assertEquals(List.of(), of(s.analyze(), "V40-OPEN-UNCONFIRMED"));
    }

    @Test
    void aClientThatConfirmsItsClientIdAgainStartedAfresh() {
        ops.open(c, 1, CONFIRM);
        ops.exchange(c, new XdrWriter().string("").u32(0).u32(1).u32(36).u64(c.clientid).u64(0x42),
                new XdrWriter().u32(0).string("").u32(1).u32(36).u32(0));
        s.after(10);
        s.renew(c);
        s.after(10);
        s.renew(c);
        assertEquals(List.of(), of(s.analyze(), "V40-OPEN-UNCONFIRMED"));
    }

    @Test
    void aCaptureEndingWithinTheLeaseIsQuiet() {
        ops.open(c, 1, CONFIRM);
        s.after(10);
        s.renew(c);
        assertEquals(List.of(), of(s.analyze(), "V40-OPEN-UNCONFIRMED"));
    }

    @Test
    void aCaptureGapOnTheConnectionMakesItUnknown() {
        ops.open(c, 1, CONFIRM);
        // The OPEN_CONFIRM went by in bytes the capture lost.
        c.flow.client().lose(Rpc.call(0x7777, Programs.NFS, 4, 1).authSys("h", 0, 0)
                .body(new XdrWriter().string("").u32(0).u32(1).u32(20).u32(1)
                        .fixedHex(Nfs4OpenOps.openOther(c)).u32(2).bytes()));
        s.after(20);
        s.renew(c);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "CAP-GAP").size() >= 1, all.toString());
        assertEquals(List.of(), of(all, "V40-OPEN-UNCONFIRMED"));
    }
}
