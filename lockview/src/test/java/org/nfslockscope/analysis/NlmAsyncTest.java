package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nfslockscope.analysis.Found.of;
import static org.nfslockscope.analysis.Found.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;

/**
 * NLM's asynchronous procedures: a *_MSG request is answered by a *_RES call the other way with
 * the same cookie, and the *_RES procedure names the kind it answers (its number is the _MSG's
 * plus 5). A *_RES that matches no request of its kind is NLM-MSG-RES-UNMATCHED.
 */
class NlmAsyncTest {
    private static final int TEST_RES = 11;
    private static final int UNLOCK_RES = 14;

    /**
     * A TEST_MSG from a client, then *_RES callbacks of the procedures {@code procs}, each with its
     * cookie; their frames go into {@code frames}. Returns the findings.
     */
    private static List<Finding> testMsgThen(int[] frames, int... procs) {
        NlmScenario s = new NlmScenario();
        NlmScenario.Client c = s.client("10.0.0.2", 700);
        byte[] ck = new byte[4];
        s.testMsg(c, c.lock(0x11, 0, 100), true, ck);
        for (int i = 0; i < procs.length; i++) {
            frames[i] = s.res(c, procs[i], ck, 0);
        }
        return s.analyze();
    }

    @Test
    void aTestResWithTheCookieOfItsTestMsgIsMatched() {
        List<Finding> all = testMsgThen(new int[1], TEST_RES);
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
        int[] frames = new int[2];
        List<Finding> all = testMsgThen(frames, UNLOCK_RES, TEST_RES);
        only(all, "NLM-MSG-RES-UNMATCHED", frames[0]);
    }
}
