package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/** V4-IO-UNLOCKED-RANGE on built NFSv4.0 captures: I/O under a lock stateid into another owner's lock. */
class IoRangeRuleTest {
    private final Nfs4Scenario s = new Nfs4Scenario();
    private final Nfs4OpenOps ops = new Nfs4OpenOps(s);
    private final Nfs4Scenario.Client c1 = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
    private final Nfs4Scenario.Client c2 = s.client("10.0.0.2", 801, 0x2222L, "owner-two");

    @Test
    void writingIntoAnotherOwnersLockIsReportedOnce() {
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        int[] other = s.lock(c2, Nfs4Scenario.READ_LT, 100, Nfs4Scenario.EOF, false, 0);
        int[] write = ops.write(c1, c1.lockOther(), 200, 8, 0);
        ops.write(c1, c1.lockOther(), 300, 8, 0);
        List<Finding> f = of(s.analyze(), "V4-IO-UNLOCKED-RANGE");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(write[1], f.get(0).frame());
        assertTrue(f.get(0).frames().containsAll(List.of((long) write[0], (long) other[1])), f.get(0).frames().toString());
    }

    @Test
    void ownRangeSharedReadsOtherStateidsAndRefusedIoAreQuiet() {
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        s.lock(c2, Nfs4Scenario.READ_LT, 100, Nfs4Scenario.EOF, false, 0);
        ops.write(c1, c1.lockOther(), 0, 8, 0); // inside its own lock
        ops.read(c1, c1.lockOther(), 150, 8, 0); // a read beside a read lock
        ops.write(c1, Nfs4OpenOps.openOther(c1), 200, 8, 0); // not a lock stateid
        ops.write(c1, c1.lockOther(), 300, 8, 10012); // NFS4ERR_LOCKED: the server enforces
        ops.write(c1, c1.lockOther(), 50, 8, 0); // bytes nobody holds
        assertEquals(List.of(), of(s.analyze(), "V4-IO-UNLOCKED-RANGE"));
    }

    @Test
    void aLockGivenBackBeforeTheIoIsQuiet() {
        s.lock(c1, Nfs4Scenario.WRITE_LT, 0, 10, false, 0);
        s.lock(c2, Nfs4Scenario.WRITE_LT, 100, 10, false, 0);
        s.locku(c2, 100, 10);
        ops.write(c1, c1.lockOther(), 100, 8, 0);
        assertEquals(List.of(), of(s.analyze(), "V4-IO-UNLOCKED-RANGE"));
    }
}
