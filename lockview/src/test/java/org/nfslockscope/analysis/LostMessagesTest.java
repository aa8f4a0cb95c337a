package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmXdr;
import org.nfslockscope.testing.Rpc;

/**
 * Messages the capture lost are damage, not protocol errors: once a reply shows up whose call
 * the capture does not hold, that call may have released a lock, so the client's locks on that
 * server are only inferred and a conflicting grant is info. Another client is not affected.
 */
class LostMessagesTest {
    private static final int GRANTED = 0;

    private static List<Finding> doubleGrants(boolean unlockCallLost, boolean lostOnOtherClient) {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.2", 801);
        NlmScenario.Client c = s.client("10.0.0.4", 802);
        s.lock(a, a.lock(100, 0, 100), true, false, false, GRANTED);
        if (unlockCallLost) {
            // Only the reply to a's UNLOCK made it into the capture.
            NlmScenario.Client lost = lostOnOtherClient ? c : a;
            lost.toServer.reply(Rpc.reply(0x7777).body(new NlmXdr().opaque(new byte[] {9, 9, 9, 9}).u32(GRANTED)
                    .bytes()));
        }
        s.lock(b, b.lock(200, 50, 10), true, false, false, GRANTED);
        return s.analyze().stream().filter(f -> f.id().equals("X-DOUBLE-GRANT")).toList();
    }

    @Test
    void aConflictingGrantAfterTheHoldersCallWasLostIsInfo() {
        List<Finding> f = doubleGrants(true, false);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
    }

    @Test
    void withNothingLostItIsAnError() {
        List<Finding> f = doubleGrants(false, false);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
    }

    @Test
    void aCallLostByAnotherClientLeavesTheHolderKnown() {
        List<Finding> f = doubleGrants(true, true);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
    }
}
