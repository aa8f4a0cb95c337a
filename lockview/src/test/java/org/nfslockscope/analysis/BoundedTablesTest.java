package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.lockview.ContentionProfile;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.pipeline.RpcPipeline;

/**
 * Tables kept per host or per file stay bounded over a day and a half of NLM hosts that each
 * lock a few files of their own, notify once and go away: NSM state numbers and SM_NOTIFYs of
 * hosts that went away are forgotten, the contention profile folds files past its table size,
 * and none of it changes a finding or the most contended files.
 */
class BoundedTablesTest {
    private static final int HOSTS = 2000;
    private static final int FILES_PER_HOST = 3;
    private static final int GRANTED = 0;
    private static final int DENIED = 1;

    /** The view after the whole capture, retiring state as the tool does or keeping all of it. */
    static LockView run(Path capture, boolean retire) throws IOException {
        LockView view = new LockView(Settings.defaults().withLease(15 * Settings.SECOND));
        if (!retire) {
            view.keepAllState();
        }
        RpcPipeline.run(capture, view, new Diagnostics(0));
        view.finish();
        return view;
    }

    static List<String> findings(LockView view) {
        return view.findings().stream().map(f -> f.id() + " " + f.severity() + " " + f.frame()).toList();
    }

    @Test
    void perHostAndPerFileTablesStayBoundedAndResultsStayTheSame() throws IOException {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client rival = s.client("10.9.0.1", 701);
        for (int i = 0; i < HOSTS; i++) {
            NlmScenario.Client h = s.client("10.4." + (i / 250) + "." + (i % 250 + 1), 700);
            for (int f = 0; f < FILES_PER_HOST; f++) {
                String fh = String.format("0200%08x%04x", i, f);
                NlmLock l = new NlmLock(h.name, fh, "6f776e6572", 7, 0, 10);
                s.lock(h, l, true, false, false, GRANTED);
                if (i % 400 == 0 && f == 0) {
                    // a few files are contended: another host is refused while the lock is held
                    s.lock(rival, new NlmLock(rival.name, fh, "726976616c", 9, 0, 10), true, false, false, DENIED);
                }
                s.unlock(h, l, GRANTED);
            }
            s.smNotify(h, h.name, 3);
            if (i == HOSTS - 10) {
                s.smNotify(h, h.name, 1); // within the day: still compared, a regress
            }
            s.after(60);
        }
        Path f = Files.createTempFile("bounded-tables", ".pcap");
        try {
            s.capture.write(f);
            LockView retiring = run(f, true);
            LockView keeping = run(f, false);
            assertEquals(findings(keeping), findings(retiring));
            assertEquals(1, retiring.findings().stream().filter(x -> x.id().equals("NSM-STATE-REGRESS")).count(),
                    findings(retiring).toString());
            // without retirement every host's state number and SM_NOTIFY stays
            assertTrue(keeping.liveState().nlm() >= 2 * HOSTS, keeping.liveState().toString());
            // with it: a day of hosts at most (1440 at one a minute), and their notifies only for a grace
            assertTrue(retiring.liveState().nlm() < 1500, retiring.liveState().toString());

            ContentionProfile p = retiring.contention();
            assertTrue(p.files().size() <= ContentionProfile.DEFAULT_MAX_FILES, String.valueOf(p.files().size()));
            assertTrue(p.others().files() > 0);
            assertEquals(HOSTS * FILES_PER_HOST + HOSTS / 400, p.files().stream().mapToLong(x -> x.requests()).sum()
                    + p.others().requests());
            List<ContentionProfile.FileStats> top = p.topContended(10);
            assertEquals(HOSTS / 400, top.size());
            for (ContentionProfile.FileStats x : top) {
                assertEquals(2, x.requests(), x.file());
                assertEquals(1, x.denials(), x.file());
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
