package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.pipeline.RpcPipeline;

/**
 * The holder records (which client an owner's locks belong to) of owners that hold nothing are
 * forgotten as they pile up, not only once a lease: a client that takes a new lock-owner per file
 * added a lease's worth of them between sweeps.
 */
class HolderRecordsTest {
    private static final int OWNERS = 4000;

    private static LockView run(Path capture, boolean retire) throws IOException {
        LockView view = new LockView(Settings.defaults().withLease(15 * Settings.SECOND));
        if (!retire) {
            view.keepAllState();
        }
        RpcPipeline.run(capture, view, new Diagnostics(0));
        return view;
    }

    private static List<String> findings(LockView view) {
        return view.findings().stream().map(f -> f.id() + " " + f.severity() + " " + f.frame()).toList();
    }

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
            LockView retiring = run(f, true);
            LockView keeping = run(f, false);
            assertEquals(findings(keeping), findings(retiring));
            assertEquals(OWNERS, keeping.liveState().holders());
            int kept = retiring.liveState().holders();
            assertTrue(kept <= 1025 && kept >= 1, String.valueOf(kept));
            retiring.finish();
            keeping.finish();
            // The one owner still holding its lock is reported, with its client, either way.
            assertEquals(findings(keeping), findings(retiring));
            assertEquals(1, retiring.findings().stream().filter(x -> x.id().equals("X-HELD-AT-END")).count());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
