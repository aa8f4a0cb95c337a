package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.LockEvent;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.testing.TestCaptures;

/** The lock events the view emits on real captures: order, pairing, and what each capture shows. */
class LockEventStreamTest {

    static List<LockEvent> events(Path capture) throws IOException {
        List<LockEvent> out = new ArrayList<>();
        LockView view = new LockView(Settings.defaults());
        view.lockEvents(out::add);
        RpcPipeline.run(capture, view, new Diagnostics(0));
        view.finish();
        return out;
    }

    static Stream<Path> captures() {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestCaptures.projectRoot().resolve("samples-pcap"))) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(all::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all.stream();
    }

    private record Piece(String server, String file, String owner, long grantFrame) {
    }

    @ParameterizedTest
    @MethodSource("captures")
    void eventsFollowFrameOrderAndEveryReleaseEndsOneGrantOnce(Path capture) throws IOException {
        List<LockEvent> events = events(capture);
        assertFalse(events.isEmpty(), "no lock event from " + capture);
        long last = 0;
        Map<Piece, List<ByteRange>> released = new HashMap<>();
        Map<Piece, LockEvent.LockGranted> grants = new HashMap<>();
        for (LockEvent e : events) {
            assertTrue(e.frame() >= last, e + " comes after frame " + last);
            last = e.frame();
            if (e instanceof LockEvent.LockGranted g) {
                grants.put(new Piece(g.server(), g.lock().file(), g.lock().owner(), g.frame()), g);
            } else if (e instanceof LockEvent.LockReleased r) {
                Piece p = new Piece(r.server(), r.lock().file(), r.lock().owner(), r.grantFrame());
                assertTrue(grants.containsKey(p), r + " releases no grant seen before");
                assertTrue(r.grantFrame() <= r.frame(), r + " releases before its grant");
                List<ByteRange> before = released.computeIfAbsent(p, k -> new ArrayList<>());
                for (ByteRange b : before) {
                    assertFalse(b.overlaps(r.lock().range()), "bytes " + r.lock().range() + " of the grant in frame "
                            + r.grantFrame() + " released twice (" + r + ")");
                }
                before.add(r.lock().range());
            }
        }
    }

    @Test
    void nfs4RestartShowsRestartGraceReclaimAndLateReclaim() throws IOException {
        Path capture = TestCaptures.sharedCapture("v40-server-restart-grace.pcap");
        assumeTrue(capture != null && Files.exists(capture), "../shared/captures is not here");
        List<LockEvent> events = events(capture);
        List<String> kinds = events.stream().map(e -> e.kind() + "@" + e.frame()).toList();

        LockEvent.LockGranted first = only(events, LockEvent.LockGranted.class, 50);
        assertEquals(LockType.WRITE, first.lock().type());
        assertEquals(49, first.requestFrame());
        // The restart is proven by the stale-clientid reply in frame 86; the lock of frame 50 is lost then.
        LockEvent.ServerRestarted restart = only(events, LockEvent.ServerRestarted.class, 86);
        assertEquals(1, restart.epoch());
        LockEvent.LockReleased lost = only(events, LockEvent.LockReleased.class, 86);
        assertEquals(LockEvent.ReleaseCause.SERVER_RESTART, lost.cause());
        assertEquals(50, lost.grantFrame());
        only(events, LockEvent.GraceStarted.class, 86);
        LockEvent.Reclaimed reclaim = only(events, LockEvent.Reclaimed.class, 109);
        assertTrue(reclaim.granted() && !reclaim.late(), reclaim.toString());
        only(events, LockEvent.LockGranted.class, 109);
        LockEvent.GraceEnded end = only(events, LockEvent.GraceEnded.class, 174);
        assertTrue(end.frame() > 168, kinds.toString());
        only(events, LockEvent.LockDenied.class, 179);
        LockEvent.Reclaimed late = only(events, LockEvent.Reclaimed.class, 181);
        assertTrue(!late.granted() && late.late(), late.toString());
        assertTrue(kinds.indexOf("server-restarted@86") < kinds.indexOf("lock-released@86"), kinds.toString());
    }

    @Test
    void nlmWaitEndsWhenTheCallbackGrantsAndWhenTheClientCancels() throws IOException {
        Path capture = TestCaptures.projectRoot().resolve("samples-pcap/nlm-basic-contention-granted.pcap");
        List<LockEvent> events = events(capture);
        only(events, LockEvent.LockGranted.class, 43);
        only(events, LockEvent.LockDenied.class, 51);
        LockEvent.WaitStarted w = only(events, LockEvent.WaitStarted.class, 55);
        assertEquals(1, w.blockedBy().size(), w.toString());
        LockEvent.WaitEnded granted = only(events, LockEvent.WaitEnded.class, 61);
        assertEquals(55, granted.waitFrame());
        only(events, LockEvent.LockGranted.class, 61);
        // A's UNLOCK counts from its call (57), B's callback grant follows in 61.
        LockEvent.LockReleased unlock = only(events, LockEvent.LockReleased.class, 57);
        assertFalse(unlock.ownerStillHolds());
        only(events, LockEvent.WaitStarted.class, 133);
        assertEquals(133, only(events, LockEvent.WaitEnded.class, 137).waitFrame());
    }

    private static <T extends LockEvent> T only(List<LockEvent> events, Class<T> kind, long frame) {
        List<T> found = events.stream().filter(kind::isInstance).map(kind::cast).filter(e -> e.frame() == frame)
                .toList();
        if (found.size() != 1) {
            fail("expected one " + kind.getSimpleName() + " in frame " + frame + ", got " + found + " among "
                    + events.stream().map(e -> e.kind() + "@" + e.frame()).toList());
        }
        return found.get(0);
    }
}
