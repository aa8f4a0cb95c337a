package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.testing.TestCaptures;

/** X-HELD-AT-END: the end-of-capture inventory, one info finding per client and server. */
class HeldAtEndRuleTest {
    private static final int GRANTED = 0;

    @Test
    void locksStillHeldAreListedPerClientAsInfo() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.4", 801);
        int[] first = s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        s.lock(a, a.lock(101, 200, 100), true, false, false, GRANTED);
        int[] other = s.lock(b, b.lock(200, 500, 10), false, false, false, GRANTED);
        List<Finding> all = s.analyze();
        List<Finding> held = of(all, "X-HELD-AT-END");
        assertEquals(2, held.size(), all.toString());
        assertTrue(held.stream().allMatch(f -> f.severity() == Severity.INFO));
        Finding fa = held.get(0);
        assertEquals(first[1], fa.frame());
        assertEquals("10.0.0.3", fa.clientId());
        assertTrue(fa.message().contains("2 lock(s) on 1 file(s)"), fa.message());
        assertEquals(other[1], held.get(1).frame());
        assertEquals("10.0.0.4", held.get(1).clientId());
    }

    @Test
    void releasedLocksAreNotInTheInventory() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        s.unlock(a, a.lock(100, 0, 100), GRANTED);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "X-HELD-AT-END").isEmpty(), all.toString());
    }

    @Test
    void thousandsOfLocksGiveABoundedNumberOfFindings() {
        NlmScenario s = new NlmScenario();
        int clients = HeldAtEndRule.MAX_CLIENTS + 20;
        for (int i = 0; i < clients; i++) {
            NlmScenario.Client c = s.client("10.1." + (i / 200) + "." + (i % 200 + 1), 700);
            for (int j = 0; j < 10; j++) {
                NlmLock l = new NlmLock(c.name, String.format("0200%08x", j), "6f776e6572", 7, 0, 10);
                s.lock(c, l, true, false, false, GRANTED);
            }
        }
        List<Finding> all = s.analyze();
        List<Finding> held = of(all, "X-HELD-AT-END");
        assertEquals(HeldAtEndRule.MAX_CLIENTS + 1, held.size());
        Finding rest = held.get(held.size() - 1);
        assertTrue(rest.message().startsWith("20 more client(s) still hold 200 lock(s) on 10 file(s)"),
                rest.message());
        assertTrue(held.get(0).message().contains("10 lock(s) on 10 file(s)") && held.get(0).message()
                .contains("and 5 more"), held.get(0).message());
        assertTrue(held.get(0).frames().size() <= HeldAtEndRule.EVIDENCE_FRAMES + 1);
    }

    @Test
    void aRealCaptureEndingWithALockHeldReportsIt() throws Exception {
        Path dir = TestCaptures.shared() == null ? null : TestCaptures.shared().resolve("captures");
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null && Files.exists(dir));
        List<Finding> restart = of(ExpectedFindingsTest.analyze(dir.resolve("v40-server-restart-grace.pcap")),
                "X-HELD-AT-END");
        assertEquals(1, restart.size(), restart.toString());
        assertEquals(109, restart.get(0).frame());
        assertEquals(Severity.INFO, restart.get(0).severity());
        List<Finding> clean = of(ExpectedFindingsTest.analyze(dir.resolve("v40-single-pynfs.pcap")),
                "X-HELD-AT-END");
        assertTrue(clean.isEmpty(), clean.toString());
    }
}
