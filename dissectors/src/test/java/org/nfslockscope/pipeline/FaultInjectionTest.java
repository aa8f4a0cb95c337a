package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.testing.FrameDamage;
import org.nfslockscope.testing.FrameFile;
import org.nfslockscope.testing.FrameFile.Packet;
import org.nfslockscope.testing.PipelineRun;
import org.nfslockscope.testing.TestCaptures;

/**
 * Damages every real capture the way captures get damaged in the field and checks the RPC
 * stage stays truthful. Each capture's first {@link #MAX_FRAMES} frames are rewritten as pcapng
 * (the undamaged baseline) and then: cut at 20 byte offsets (several inside the last records),
 * bytes flipped, frames dropped, duplicated and swapped, every frame cut to a 96-byte snaplen,
 * and the first frames dropped so the capture starts in the middle of its connections.
 *
 * <p>Invariants, for every damaged capture:
 * <ol>
 * <li>nothing escapes, no stage reports an internal error, every diagnostic names a frame of
 *     the capture, and there are at most {@code 2 * frames + 16} diagnostics;</li>
 * <li>before the damage: the complete messages that completed before the first damaged frame
 *     are the damaged run's first complete messages, identical (frame, endpoints, xid, call or
 *     reply, retransmission flag, record bytes);</li>
 * <li>nothing invented: every complete message of the damaged run is byte-identical to a message
 *     of the baseline with the same endpoints, xid and direction. What the damage took must come
 *     out as {@code complete == false} or not at all. The only exception is a byte flip inside a
 *     frame: it changes the content of whatever message carries it, which no reader can notice,
 *     so there the rule covers only messages completed before the first flipped frame.</li>
 * </ol>
 */
class FaultInjectionTest {
    /** Enough frames for many connections and records, few enough to keep the test short. */
    static final int MAX_FRAMES = 1500;
    private static final int SNAPLEN = 96;

    @TempDir
    Path dir;
    private int files;

    static Stream<Path> captures() {
        return TestCaptures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void damagedCapturesStayTruthful(Path capture) {
        List<Packet> frames = FrameFile.read(capture, MAX_FRAMES);
        FrameFile.Written clean = FrameFile.write(frames);
        PipelineRun base = run(clean.bytes(), frames.size());
        String name = TestCaptures.label(capture);

        for (long cut : cutOffsets(clean)) {
            int damaged = firstFrameNotWhole(clean, cut);
            check(name + " cut at byte " + cut, base, run(Arrays.copyOf(clean.bytes(), (int) cut), frames.size()),
                    damaged);
        }
        for (int seed = 1; seed <= 3; seed++) {
            Random r = new Random(seed);
            List<Packet> flipped = new ArrayList<>(frames);
            int first = Integer.MAX_VALUE;
            for (int i = 0; i < 1 + frames.size() / 50; i++) {
                int f = r.nextInt(frames.size());
                Packet p = flipped.get(f);
                if (p.data().length == 0) {
                    continue;
                }
                byte[] d = p.data().clone();
                d[r.nextInt(d.length)] ^= (byte) (1 + r.nextInt(255));
                flipped.set(f, new Packet(p.timeNanos(), p.linkType(), p.originalLength(), d));
                first = Math.min(first, f + 1);
            }
            PipelineRun d = run(FrameFile.write(flipped).bytes(), frames.size());
            checkBefore(name + " flips " + seed, base, d, first);
            checkNothingInvented(name + " flips " + seed, base, d, first);
        }
        for (int seed = 1; seed <= 2; seed++) {
            byte[] b = clean.bytes().clone();
            Random r = new Random(seed);
            for (int i = 0; i < 8; i++) {
                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255)); // anywhere, block headers too
            }
            run(b, frames.size() + 8);
        }
        for (int seed = 1; seed <= 2; seed++) {
            for (FrameDamage damage : FrameDamage.values()) {
                FrameDamage.Damaged d = damage.at(frames, seed);
                PipelineRun run = run(FrameFile.write(d.frames()).bytes(), d.frames().size());
                // A duplicate goes after its original, so the frame at the index itself is still undamaged.
                check(name + " " + damage.label() + " " + seed, base, run,
                        d.firstIndex() + (damage == FrameDamage.DUPLICATE ? 2 : 1));
            }
        }
        List<Packet> cut = frames.stream().map(p -> p.cut(SNAPLEN)).toList();
        checkNothingInvented(name + " snaplen " + SNAPLEN, base, run(FrameFile.write(cut).bytes(), frames.size()),
                Integer.MAX_VALUE);
        for (int skip : new int[] {3, frames.size() / 3}) {
            if (skip > 0 && skip < frames.size()) {
                PipelineRun d = run(FrameFile.write(frames.subList(skip, frames.size())).bytes(), frames.size());
                checkNothingInvented(name + " starting at frame " + (skip + 1), base, d, Integer.MAX_VALUE);
            }
        }
    }

    /**
     * 12 offsets spread over the frames and 8 inside the last three frames' blocks. A cut in the
     * file header makes it no capture at all, which HostileInputTest covers.
     */
    private static long[] cutOffsets(FrameFile.Written w) {
        int n = w.offsets().length;
        long size = w.bytes().length;
        long start = n > 0 ? w.offsets()[0] : size;
        long tail = n >= 3 ? w.offsets()[n - 3] : start;
        long[] out = new long[20];
        for (int i = 0; i < 12; i++) {
            out[i] = start + (size - start) * i / 12;
        }
        for (int i = 0; i < 8; i++) {
            out[12 + i] = tail + (size - tail) * (i + 1) / 9;
        }
        return out;
    }

    /** 1-based number of the first frame whose block the cut does not leave whole. */
    private static int firstFrameNotWhole(FrameFile.Written w, long cut) {
        long[] o = w.offsets();
        for (int i = 0; i < o.length; i++) {
            long end = i + 1 < o.length ? o[i + 1] : w.bytes().length;
            if (end > cut) {
                return i + 1;
            }
        }
        return o.length + 1;
    }

    private void check(String what, PipelineRun base, PipelineRun damaged, int firstDamagedFrame) {
        checkBefore(what, base, damaged, firstDamagedFrame);
        checkNothingInvented(what, base, damaged, Integer.MAX_VALUE);
    }

    private static void checkBefore(String what, PipelineRun base, PipelineRun damaged, long firstDamagedFrame) {
        List<String> before = complete(base).filter(e -> e.frame() < firstDamagedFrame)
                .map(FaultInjectionTest::signature).toList();
        List<String> got = complete(damaged).limit(before.size()).map(FaultInjectionTest::signature).toList();
        assertEquals(before, got, what + ": messages before frame " + firstDamagedFrame + " changed");
    }

    /** Rule 3; a byte flip makes messages completed from {@code flipFrame} on exempt. */
    private static void checkNothingInvented(String what, PipelineRun base, PipelineRun damaged, long flipFrame) {
        Set<String> known = new HashSet<>();
        base.events().forEach(e -> known.add(content(e)));
        complete(damaged).filter(e -> e.frame() < flipFrame).forEach(e -> {
            if (!known.contains(content(e))) {
                fail(what + ": message invented at frame " + e.frame() + ": " + content(e)
                        + "\ndiagnostics: " + damaged.diagnostics().stream().limit(20).toList());
            }
        });
    }

    private static Stream<RpcEvent> complete(PipelineRun r) {
        return r.events().stream().filter(RpcEvent::complete);
    }

    private static String content(RpcEvent e) {
        return e.src() + ">" + e.dst() + " " + (e.isCall() ? "call " : "reply ") + Integer.toHexString(e.message().xid())
                + " " + Arrays.hashCode(bytes(e)) + "/" + e.record().remaining();
    }

    private static String signature(RpcEvent e) {
        return e.frame() + " " + content(e) + (e.retransmission() ? " retransmission" : "");
    }

    private static byte[] bytes(RpcEvent e) {
        byte[] b = new byte[e.record().remaining()];
        e.record().duplicate().get(b);
        return b;
    }

    private PipelineRun run(byte[] capture, int maxFrames) {
        PipelineRun r;
        try {
            Path p = Files.write(dir.resolve("d" + (files++) + ".pcapng"), capture);
            r = PipelineRun.of(p);
            Files.delete(p);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("escaped: " + e, e);
        }
        assertTrue(r.summary().frames() <= maxFrames, "frames " + r.summary().frames());
        assertSane("damaged capture " + (files - 1), r);
        return r;
    }

    private static void assertSane(String what, PipelineRun r) {
        assertEquals(List.of(), r.internalErrors(), what);
        long frames = r.summary().frames();
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(d.frame() > 0 && d.frame() <= frames + 1, what + ": diagnostic outside the capture: " + d);
        }
        assertTrue(r.diagnostics().size() <= 2 * frames + 16, what + ": " + r.diagnostics().size()
                + " diagnostics for " + frames + " frames");
    }
}
