package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The holder records (which client an owner's locks belong to) of owners that hold nothing are
 * forgotten as they pile up, not only once a lease: a client that takes a new lock-owner per file
 * added a lease's worth of them between sweeps.
 */
class HolderRecordsTest {
    private static final int OWNERS = 4000;

    @Test
    void ownersThatHoldNothingAreForgottenAsTheyPileUp() throws IOException {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client last = null;
        for (int i = 0; i < OWNERS; i++) {
            // About 7 ms of capture per owner: two 15 s leases in all. The lease sweep alone left
            // 1,857 records at the end.
            last = s.client("10.0." + (i / 200) + "." + (i % 200 + 1), 800, 0x1000 + i, "owner-" + i);
            s.lock(last, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
            if (i < OWNERS - 1) {
                s.locku(last, 0, 100);
            }
        }
        Path f = Files.createTempFile("holder-records", ".pcap");
        try {
            s.capture.write(f);
            LockView retiring = BoundedTablesTest.run(f, true);
            LockView keeping = BoundedTablesTest.run(f, false);
            assertEquals(OWNERS, keeping.liveState().holders());
            int kept = retiring.liveState().holders();
            assertTrue(kept <= 1025 && kept >= 1, String.valueOf(kept));
            // The one owner still holding its lock is reported either way.
            assertEquals(BoundedTablesTest.findings(keeping), BoundedTablesTest.findings(retiring));
            assertEquals(1, retiring.findings().stream().filter(x -> x.id().equals("X-HELD-AT-END")).count());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
