package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nfslockscope.analysis.Found.of;
import static org.nfslockscope.analysis.Found.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.nlm.NlmLock;

/**
 * NLM's asynchronous procedures: a *_MSG request is answered by a *_RES call the other way with
 * the same cookie, and the *_RES procedure names the kind it answers (its number is the _MSG's
 * plus 5). A *_RES that matches no request of its kind is NLM-MSG-RES-UNMATCHED.
 */
class NlmAsyncTest {
    private static final int TEST_RES = 11;
    private static final int UNLOCK_RES = 14;

    @Test
    void aTestResWithTheCookieOfItsTestMsgIsMatched() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client c = s.client("10.0.0.2", 700);
        NlmLock l = c.lock(0x11, 0, 100);
        byte[] ck = new byte[4];
        s.testMsg(c, l, true, ck);
        s.res(c, TEST_RES, ck, 0);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "NLM-MSG-RES-UNMATCHED"), all.toString());
    }

    @Test
    void aResWhoseCookieNoRequestUsedIsUnmatched() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client c = s.client("10.0.0.2", 700);
        int res = s.res(c, UNLOCK_RES, new byte[] {9, 9, 9, 9}, 0);
        only(s.analyze(), "NLM-MSG-RES-UNMATCHED", res);
    }

    /** The cookie of a TEST_MSG on an UNLOCK_RES answers no UNLOCK_MSG (it once failed the view). */
    @Test
    void aResOfAnotherKindDoesNotAnswerTheRequestWithItsCookie() {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client c = s.client("10.0.0.2", 700);
        NlmLock l = c.lock(0x11, 0, 100);
        byte[] ck = new byte[4];
        s.testMsg(c, l, true, ck);
        int wrongKind = s.res(c, UNLOCK_RES, ck, 0);
        s.res(c, TEST_RES, ck, 0);
        only(s.analyze(), "NLM-MSG-RES-UNMATCHED", wrongKind);
    }
}
