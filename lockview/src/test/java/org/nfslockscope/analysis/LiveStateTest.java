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
import org.nfslockscope.findings.Severity;
import org.nfslockscope.net.Endpoint;
import org.nfslockscope.nlm.NlmLock;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;

/**
 * Memory follows live state: hours of short-lived NFSv4.0 clients and NLM hosts leave the view's
 * tracked state small, and retiring the state of clients that went away changes no finding.
 */
class LiveStateTest {
    private static final int CLIENTS = 1500;
    private static final int GRANTED = 0;

    /** Runs the view over the capture and records the largest live state seen along the way. */
    private static final class Run implements RpcListener {
        final LockView view = new LockView(Settings.defaults().withLease(15 * Settings.SECOND));
        int largest;
        long messages;

        @Override
        public void onMessage(RpcEvent event) {
            view.onMessage(event);
            if (++messages % 500 == 0) {
                largest = Math.max(largest, view.liveState().total());
            }
        }

        @Override
        public void onCaptureStart(long timeNanos) {
            view.onCaptureStart(timeNanos);
        }

        @Override
        public void onCaptureGap(long connection, Endpoint src, Endpoint dst, long missing, long frame) {
            view.onCaptureGap(connection, src, dst, missing, frame);
        }

        @Override
        public void onConnectionClosed(long connection, long frame) {
            view.onConnectionClosed(connection, frame);
        }

        List<String> findings() {
            return view.findings().stream().map(f -> f.id() + " " + f.severity() + " " + f.frame() + " "
                    + f.frames()).toList();
        }
    }

    private static Run run(Path capture, boolean retire) throws IOException {
        Run r = new Run();
        if (!retire) {
            r.view.keepAllState();
        }
        RpcPipeline.run(capture, r, new Diagnostics(0));
        r.view.finish();
        return r;
    }

    @Test
    void hoursOfShortLivedClientsLeaveLittleStateAndTheSameFindings() throws IOException {
        NlmScenario nlm = new NlmScenario();
        Nfs4Scenario v4 = new Nfs4Scenario(nlm.capture, Nfs4Scenario.FH);
        Nfs4Scenario.Client first = null;
        for (int i = 0; i < CLIENTS; i++) {
            String net = (i / 250) + "." + (i % 250 + 1);
            Nfs4Scenario.Client c = v4.client("10.2." + net, 900, 0x1000L + i, "owner-" + i);
            v4.lock(c, Nfs4Scenario.WRITE_LT, 10L * i, 10, false, 0);
            if (i % 100 != 0) {
                v4.locku(c, 10L * i, 10); // every hundredth client keeps its lock to the end
            }
            if (i == 1) {
                first = c;
            }
            NlmScenario.Client h = nlm.client("10.3." + net, 700);
            NlmLock l = new NlmLock(h.name, NlmScenario.FH, "6f776e6572", 7, 10L * i, 10);
            nlm.lock(h, l, true, false, false, GRANTED);
            nlm.unlock(h, l, GRANTED);
            if (i % 50 == 0) {
                nlm.smNotify(h, h.name, 2 * i + 3);
            }
            nlm.after(10);
        }
        // A client from hours ago comes back with its old lock stateid: unknown state, not an alarm.
        v4.lock(first, Nfs4Scenario.WRITE_LT, 10, 10, false, 0);
        v4.locku(first, 10, 10);

        Path f = Files.createTempFile("live-state", ".pcap");
        try {
            nlm.capture.write(f);
            Run retiring = run(f, true);
            Run keeping = run(f, false);
            assertEquals(keeping.findings(), retiring.findings());
            assertTrue(retiring.view.findings().stream().noneMatch(x -> x.severity().atLeast(Severity.WARNING)),
                    retiring.findings().toString());
            assertEquals(CLIENTS / 100, retiring.view.findings().stream()
                    .filter(x -> x.id().equals("X-HELD-AT-END")).count());
            // kept without retirement: every client, its owners, stateids and sequences
            assertTrue(keeping.view.liveState().total() > 3 * CLIENTS, keeping.view.liveState().toString());
            // with it: the clients of the last few leases and those still holding locks
            assertTrue(retiring.largest < CLIENTS / 5, retiring.largest + " " + retiring.view.liveState());
            assertTrue(retiring.view.liveState().total() < CLIENTS / 5, retiring.view.liveState().toString());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
