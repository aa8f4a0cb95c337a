package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.nfslockscope.analysis.Found.of;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.testing.TestCaptures;

/** X-SERVER-RESTART cites the protocol its evidence came from: NLM/NSM or NFSv4. */
class RestartReferenceTest {
    private static Path capture(String name) {
        Path dir = TestCaptures.shared() == null ? null : TestCaptures.shared().resolve("captures");
        assumeTrue(dir != null && Files.exists(dir.resolve(name)), "../shared/captures is not here");
        return dir.resolve(name);
    }

    @Test
    void nlmEvidenceCitesNlmAndNsm() throws Exception {
        List<Finding> restarts = of(ExpectedFindingsTest.analyze(capture("nlm-server-restart-grace.pcap")),
                "X-SERVER-RESTART");
        assertFalse(restarts.isEmpty());
        restarts.forEach(f -> assertEquals(ViewState.NLM_RESTART_REFERENCE, f.reference(), f.message()));
    }

    @Test
    void nfs4EvidenceKeepsTheRfcReference() throws Exception {
        List<Finding> restarts = of(ExpectedFindingsTest.analyze(capture("v40-server-restart-grace.pcap")),
                "X-SERVER-RESTART");
        assertFalse(restarts.isEmpty());
        restarts.forEach(f -> assertEquals("RFC 7530 §9.6.2", f.reference(), f.message()));
    }
}
