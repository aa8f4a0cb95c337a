package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;

/**
 * An NFSv4.1 client that presents its co_ownerid with a new co_verifier rebooted: once
 * CREATE_SESSION confirms the new client ID, the server has dropped the previous client ID's
 * locks, so a lock-owner of the new incarnation may take the same range [RFC 8881 §18.35]. The
 * same verifier only updates the client record, and the locks stay.
 */
class ClientReboot41Test {
    private static final String OWNER = "6c696e75782d686f73742d61"; // "linux-host-a"
    private static final String SESSION_1 = "00000000000011110000000000000001";
    private static final String SESSION_2 = "00000000000033330000000000000002";

    @Test
    void aNewVerifierConfirmedByCreateSessionReleasesTheOldClientsLocks() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client before = s.client("10.0.0.2", 801, 0x1111L, "process-1");
        s.exchangeId(before, OWNER, "0000000000000001", false);
        s.createSession(before, SESSION_1);
        s.lock41(before, SESSION_1, 1, Nfs4Scenario.WRITE_LT, 0, 100);
        Nfs4Scenario.Client after = s.client("10.0.0.2", 803, 0x3333L, "process-2");
        s.exchangeId(after, OWNER, "0000000000000002", false);
        s.createSession(after, SESSION_2);
        s.lock41(after, SESSION_2, 1, Nfs4Scenario.WRITE_LT, 0, 100);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "X-DOUBLE-GRANT").isEmpty(), all.toString());
        List<Finding> held = of(all, "X-HELD-AT-END");
        assertEquals(1, held.size(), held.toString());
        assertEquals("0x0000000000003333", held.get(0).clientId());
    }

    @Test
    void aNewVerifierWithoutCreateSessionKeepsTheLocks() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client before = s.client("10.0.0.2", 801, 0x1111L, "process-1");
        s.exchangeId(before, OWNER, "0000000000000001", false);
        s.createSession(before, SESSION_1);
        s.lock41(before, SESSION_1, 1, Nfs4Scenario.WRITE_LT, 0, 100);
        Nfs4Scenario.Client after = s.client("10.0.0.2", 803, 0x3333L, "process-2");
        s.exchangeId(after, OWNER, "0000000000000002", false);
        // The new client ID is never confirmed: the server still holds the old one's lock.
        s.lock41(before, SESSION_1, 2, Nfs4Scenario.WRITE_LT, 200, 100);
        Nfs4Scenario.Client other = s.client("10.0.0.3", 802, 0x2222L, "process-9");
        s.exchangeId(other, "6f74686572", "0000000000000009", false);
        s.createSession(other, "00000000000022220000000000000003");
        int[] clash = s.lock41(other, "00000000000022220000000000000003", 1, Nfs4Scenario.WRITE_LT, 0, 100);
        List<Finding> grants = of(s.analyze(), "X-DOUBLE-GRANT");
        assertEquals(1, grants.size(), grants.toString());
        assertEquals(clash[1], grants.get(0).frame());
    }

    @Test
    void theSameVerifierIsAnUpdateAndTheLocksStay() {
        Nfs4Scenario s = new Nfs4Scenario();
        Nfs4Scenario.Client before = s.client("10.0.0.2", 801, 0x1111L, "process-1");
        s.exchangeId(before, OWNER, "0000000000000001", false);
        s.createSession(before, SESSION_1);
        s.lock41(before, SESSION_1, 1, Nfs4Scenario.WRITE_LT, 0, 100);
        // Same owner, same verifier: the server answers with the same client ID, already confirmed.
        Nfs4Scenario.Client again = s.client("10.0.0.2", 803, 0x1111L, "process-2");
        s.exchangeId(again, OWNER, "0000000000000001", true);
        s.createSession(again, SESSION_2);
        int[] clash = s.lock41(again, SESSION_2, 1, Nfs4Scenario.WRITE_LT, 0, 100);
        List<Finding> all = s.analyze();
        List<Finding> grants = of(all, "X-DOUBLE-GRANT");
        assertEquals(1, grants.size(), all.toString());
        assertEquals(Severity.ERROR, grants.get(0).severity());
        assertEquals(clash[1], grants.get(0).frame());
    }
}
