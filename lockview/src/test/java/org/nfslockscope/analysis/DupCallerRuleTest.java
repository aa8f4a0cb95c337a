package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.nlm.NlmLock;

/** NLM-DUP-CALLER: one caller_name, two addresses, interleaved requests. */
class DupCallerRuleTest {
    private static final int GRANTED = 0;
    private static final String NAME = "web1";

    private static NlmLock lock(int svid, long offset) {
        return new NlmLock(NAME, NlmScenario.FH, String.format("6f776e6572%02x", svid), svid, offset, 10);
    }

    @Test
    void twoHostsInterleavingOneNameIsAnError() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.4", 801);
        int[] first = s.lock(a, lock(1, 0), true, false, false, GRANTED);
        int[] twin = s.lock(b, lock(2, 100), true, false, false, GRANTED);
        int[] back = s.unlock(a, lock(1, 0), GRANTED);
        s.unlock(b, lock(2, 100), GRANTED);
        s.lock(a, lock(1, 0), true, false, false, GRANTED);
        List<Finding> all = s.analyze();
        List<Finding> dup = of(all, "NLM-DUP-CALLER");
        assertEquals(1, dup.size(), all.toString());
        assertEquals(Severity.ERROR, dup.get(0).severity());
        assertEquals(back[0], dup.get(0).frame());
        assertTrue(dup.get(0).frames().containsAll(List.of((long) first[0], (long) twin[0])), dup.toString());
        assertEquals(NAME, dup.get(0).clientId());
    }

    @Test
    void aHostThatMovesToANewAddressOnceIsNotATwin() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.4", 801);
        s.lock(a, lock(1, 0), true, false, false, GRANTED);
        s.unlock(a, lock(1, 0), GRANTED);
        s.after(600);
        s.lock(b, lock(1, 0), true, false, false, GRANTED);
        s.unlock(b, lock(1, 0), GRANTED);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "NLM-DUP-CALLER").isEmpty(), all.toString());
    }

    @Test
    void aHostThatRebootsOntoAnotherAddressAndBackIsNotATwin() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.4", 801);
        s.lock(a, lock(1, 0), true, false, false, GRANTED);
        s.smNotify(b, NAME, 3);
        s.lock(b, lock(1, 0), true, false, false, GRANTED);
        s.smNotify(a, NAME, 5);
        s.lock(a, lock(1, 0), true, false, false, GRANTED);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "NLM-DUP-CALLER").isEmpty(), all.toString());
    }

    @Test
    void grantedCallbacksCarryingTheServersNameDoNotCount() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client a = s.client("10.0.0.3", 800);
        NlmScenario.Client b = s.client("10.0.0.4", 801);
        NlmLock fromServer = new NlmLock("nfs-server", NlmScenario.FH, "6f776e6572", 1, 0, 10);
        byte[] cookie = new byte[4];
        s.grantedMsg(a, fromServer, true, cookie);
        s.grantedMsg(b, fromServer, true, cookie);
        s.grantedMsg(a, fromServer, true, cookie);
        List<Finding> all = s.analyze();
        assertTrue(of(all, "NLM-DUP-CALLER").isEmpty(), all.toString());
    }
}
