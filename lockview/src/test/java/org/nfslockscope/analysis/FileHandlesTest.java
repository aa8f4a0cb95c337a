package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmLock;

/**
 * NLM and NFSv4 locks on one file whose NLM handle carries padding the NFSv4 handle lacks: the
 * conflict must be seen, and the report must say how the handles were matched. Handles that only
 * share a prefix stay two files.
 */
class FileHandlesTest {
    private static final int GRANTED = 0;
    /** An nfs-ganesha NFSv4 handle (23 bytes) as in ../shared/captures; its NLM form has one zero byte more. */
    private static final String GANESHA_V4 = "4300000112446f8780aeffc2fc870149211600e285cdaa";

    private static NlmLock nlmLock(NlmScenario.Client c, String fh, long offset, long length) {
        return new NlmLock(c.name, fh, "6f776e657201", 1, offset, length);
    }

    @Test
    void paddedNlmHandleConflictsWithTheNfs4LockOnTheSameFile() {
        NlmScenario s = new NlmScenario();
        Nfs4Scenario v4 = new Nfs4Scenario(s.capture, GANESHA_V4);
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Nfs4Scenario.Client c = v4.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(a, nlmLock(a, GANESHA_V4 + "00", 0, 100), true, false, false, GRANTED);
        int[] clash = v4.lock(c, Nfs4Scenario.READ_LT, 50, 10, false, 0);
        List<Finding> all = s.analyze();
        List<Finding> grants = of(all, "X-DOUBLE-GRANT");
        assertEquals(1, grants.size(), all.toString());
        assertEquals(clash[1], grants.get(0).frame());
        List<Finding> mixed = of(all, "X-MIXED-PROTOCOL");
        assertEquals(1, mixed.size(), all.toString());
        assertEquals(Severity.WARNING, mixed.get(0).severity());
        assertTrue(mixed.get(0).message().contains("NLM handle 0x" + GANESHA_V4 + "00 matched to NFSv4 handle 0x"
                + GANESHA_V4 + " by dropping 1 trailing zero byte(s)"), mixed.get(0).message());
    }

    @Test
    void nfs4FirstThenAnNfsv2SizedNlmHandleIsTheSameFile() {
        NlmScenario s = new NlmScenario();
        Nfs4Scenario v4 = new Nfs4Scenario(s.capture, Nfs4Scenario.FH);
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Nfs4Scenario.Client c = v4.client("10.0.0.2", 801, 0x2222L, "owner-two");
        v4.lock(c, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        String v2 = Nfs4Scenario.FH + "00".repeat(FileHandles.NFSV2_FHSIZE - Nfs4Scenario.FH.length() / 2);
        int[] clash = s.lock(a, nlmLock(a, v2, 10, 10), true, false, false, GRANTED);
        List<Finding> all = s.analyze();
        List<Finding> grants = of(all, "X-DOUBLE-GRANT");
        assertEquals(1, grants.size(), all.toString());
        assertEquals(clash[1], grants.get(0).frame());
        assertTrue(grants.get(0).message().contains("by dropping 20 trailing zero byte(s)"), grants.get(0).message());
        assertEquals("0x" + Nfs4Scenario.FH, grants.get(0).file());
    }

    @Test
    void handlesThatOnlyShareAPrefixAreDifferentFiles() {
        NlmScenario s = new NlmScenario();
        Nfs4Scenario v4 = new Nfs4Scenario(s.capture, GANESHA_V4 + "aa");
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        Nfs4Scenario.Client c = v4.client("10.0.0.2", 801, 0x2222L, "owner-two");
        s.lock(a, nlmLock(a, GANESHA_V4 + "bb", 0, 100), true, false, false, GRANTED);
        v4.lock(c, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "X-DOUBLE-GRANT").isEmpty(), all.toString());
        assertTrue(of(all, "X-MIXED-PROTOCOL").isEmpty(), all.toString());
    }

    @Test
    void trailingBytesThatAreNotPaddingKeepFilesApart() {
        NlmScenario s = new NlmScenario();
        Nfs4Scenario v4 = new Nfs4Scenario(s.capture, Nfs4Scenario.FH);
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.4", 802);
        Nfs4Scenario.Client c = v4.client("10.0.0.2", 801, 0x2222L, "owner-two");
        v4.lock(c, Nfs4Scenario.WRITE_LT, 0, 100, false, 0);
        // the NFSv4 handle is already four-byte aligned: four more zeros are another file's handle
        s.lock(a, nlmLock(a, Nfs4Scenario.FH + "00000000", 0, 100), true, false, false, GRANTED);
        // a non-zero trailing byte is never padding
        s.lock(b, nlmLock(b, Nfs4Scenario.FH + "01000000", 0, 100), true, false, false, GRANTED);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "X-DOUBLE-GRANT").isEmpty(), all.toString());
        assertTrue(of(all, "X-MIXED-PROTOCOL").isEmpty(), all.toString());
    }

    @Test
    void paddingFormsFollowAlignmentAndTheNfsv2Size() {
        assertEquals(List.of(GANESHA_V4 + "00", GANESHA_V4 + "00".repeat(9)),
                List.of(FileHandles.paddedForms(GANESHA_V4)));
        assertEquals(List.of(GANESHA_V4), List.of(FileHandles.unpaddedForms(GANESHA_V4 + "00")));
        // a 12-byte handle needs no padding, so 16 bytes ending in four zeros can only be a 13 to 15-byte one
        assertTrue(!List.of(FileHandles.unpaddedForms(Nfs4Scenario.FH + "00000000")).contains(Nfs4Scenario.FH));
        assertEquals(List.of(), List.of(FileHandles.unpaddedForms(Nfs4Scenario.FH + "00000001")));
    }
}
