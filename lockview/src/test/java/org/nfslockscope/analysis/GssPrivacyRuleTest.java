package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.analysis.Found.of;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.XdrWriter;

/** RPC-GSS-PRIVACY on built captures: krb5p requests are counted, and make what they may have done unknown. */
class GssPrivacyRuleTest {
    private static final int PRIVACY = 3;
    private static final int INTEGRITY = 2;

    private final Nfs4Scenario s = new Nfs4Scenario();
    private final Nfs4Scenario.Client c = s.client("10.0.0.3", 800, 0x1111L, "owner-one");
    private int xid = 0xA000;

    /** An NFSv4 COMPOUND under RPCSEC_GSS DATA with {@code service}, its body opaque; returns the call frame. */
    private long gssCall(int gssProc, int service) {
        byte[] cred = new XdrWriter().u32(1).u32(gssProc).u32(xid).u32(service).opaqueHex("0badcafe").bytes();
        Message call = c.flow.call(Rpc.call(++xid, Programs.NFS, 4, 1).cred(6, cred).verf(6, new byte[] {1, 2, 3, 4})
                .body(new XdrWriter().opaque(new byte[48]).bytes()));
        s.capture.step(1_000_000);
        c.flow.reply(Rpc.reply(call.xid()).verf(6, new byte[] {5, 6, 7, 8})
                .body(new XdrWriter().opaque(new byte[32]).bytes()));
        s.capture.step(1_000_000);
        return call.frame();
    }

    @Test
    void encryptedRequestsAreCountedOncePerClientAndServer() {
        long first = gssCall(0, PRIVACY);
        gssCall(0, PRIVACY);
        long last = gssCall(0, PRIVACY);
        List<Finding> f = of(s.analyze(), "RPC-GSS-PRIVACY");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertEquals(first, f.get(0).frame());
        assertTrue(f.get(0).frames().contains(last), f.get(0).frames().toString());
        assertTrue(f.get(0).message().startsWith("3 request(s) from 10.0.0.3:800"), f.get(0).message());
    }

    @Test
    void integrityAndContextSetupAreReadable() {
        gssCall(1, PRIVACY); // RPCSEC_GSS_INIT: context setup, no file operation
        gssCall(0, INTEGRITY);
        assertEquals(List.of(), of(s.analyze(), "RPC-GSS-PRIVACY"));
    }

    @Test
    void encryptedRequestsMayHaveRenewedTheLease() {
        s.lock(c, Nfs4Scenario.WRITE_LT, 0, Nfs4Scenario.EOF, false, 0);
        for (int i = 0; i < 4; i++) {
            s.after(5);
            gssCall(0, PRIVACY);
        }
        s.renew(c);
        List<Finding> all = s.analyze();
        assertEquals(1, of(all, "RPC-GSS-PRIVACY").size(), all.toString());
        assertEquals(List.of(), of(all, "V4-LEASE-LAPSE"));
        assertEquals(List.of(), of(all, "V4-LAPSE-SURVIVED"));
    }

    @Test
    void anEncryptedRequestMayHaveConfirmedTheOpen() {
        new Nfs4OpenOps(s).open(c, 1, OpenConfirmRule.OPEN4_RESULT_CONFIRM);
        gssCall(0, PRIVACY);
        s.after(20);
        s.renew(c);
        List<Finding> all = s.analyze();
        assertEquals(List.of(), of(all, "V40-OPEN-UNCONFIRMED"), all.toString());
    }
}
