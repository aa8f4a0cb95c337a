package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.testing.FrameDamage;
import org.nfslockscope.testing.FrameFile;
import org.nfslockscope.testing.FrameFile.Packet;
import org.nfslockscope.testing.TestCaptures;

/**
 * Damages every real capture (the project's {@code samples-pcap/} and {@code ../shared/captures/})
 * the way captures get damaged in the field and checks the findings stay truthful. The capture's
 * first {@link #MAX_FRAMES} frames, rewritten as pcapng, are the undamaged baseline; the damage:
 * cuts at 14 byte offsets (6 inside the last three frames), bytes flipped inside frames (2 seeds),
 * about 1 % of the frames dropped, duplicated or swapped with their successor (2 seeds each),
 * every frame cut to a 96-byte snaplen, and the first 3 frames or the first third dropped (a
 * capture started in the middle of its connections).
 *
 * <p>Invariants, for every damaged capture:
 * <ol>
 * <li>the whole analysis ({@link LockAnalysis}, as {@code analyze} runs it) throws nothing;</li>
 * <li>{@code nfslockscope analyze} exits with 0 or 1 and prints no stack trace and no internal
 *     error (one damaged variant of each kind per capture, a cut inside the last frame, and bytes
 *     flipped anywhere in the file, block headers included);</li>
 * <li>no new error: every error-level finding is one the baseline raises too (same rule, client,
 *     server, owner and file; frame numbers move when frames are dropped, so they are not
 *     compared), or the damage explains it.</li>
 * </ol>
 *
 * <p>"The damage explains it" is narrow, and depends only on what the error cites: its own
 * frame and its evidence frames, from the first to the last (its span). Either the damaged run
 * itself raises a CAP-GAP between the same two hosts (either direction, any ports) whose gaps,
 * from the first to the last, overlap that span; or a byte was flipped inside a frame of that
 * span (see {@link #citesFlippedFrame}). Nothing else explains an error: a dropped, duplicated or
 * reordered frame, a cut, a short snaplen or a late start must show as a CAP-GAP or as lost
 * knowledge (no error), and the test lists every error that is neither, with its damage.
 */
class FindingsFaultInjectionTest {
    /** Enough frames for many exchanges, few enough to keep the test at a minute or so. */
    static final int MAX_FRAMES = 1500;
    private static final int SNAPLEN = 96;

    @TempDir
    Path dir;
    private int files;

    /** Real captures, each once: samples-pcap holds copies of some shared captures. */
    static Stream<Path> captures() {
        Map<String, Path> byName = new LinkedHashMap<>();
        List<Path> all = new ArrayList<>();
        all.add(TestCaptures.projectRoot().resolve("samples-pcap"));
        if (TestCaptures.shared() != null) {
            all.add(TestCaptures.shared().resolve("captures"));
        }
        for (Path p : TestCaptures.all()) {
            if (all.stream().anyMatch(p::startsWith)) {
                byName.putIfAbsent(p.getFileName().toString(), p);
            }
        }
        return byName.values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void damageRaisesNoUnexplainedError(Path capture) throws IOException {
        List<Packet> frames = FrameFile.read(capture, MAX_FRAMES);
        FrameFile.Written clean = FrameFile.write(frames);
        Set<String> baseErrors = analyze("baseline", clean.bytes()).stream()
                .filter(f -> f.severity() == Severity.ERROR).map(FindingsFaultInjectionTest::key)
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> cliSamples = new LinkedHashMap<>();

        long[] cuts = cutOffsets(clean);
        for (long cut : cuts) {
            check("cut at byte " + cut, Arrays.copyOf(clean.bytes(), (int) cut), baseErrors, problems, cliSamples);
        }
        cliSamples.put("cut in the last frame", Arrays.copyOf(clean.bytes(), (int) cuts[cuts.length - 1]));
        for (int seed = 1; seed <= 2; seed++) {
            Random r = new Random(seed);
            List<Packet> flipped = new ArrayList<>(frames);
            Set<Long> flippedFrames = new HashSet<>();
            for (int i = 0; i < 1 + frames.size() / 50; i++) {
                int f = r.nextInt(frames.size());
                Packet p = flipped.get(f);
                if (p.data().length > 0) {
                    byte[] d = p.data().clone();
                    d[r.nextInt(d.length)] ^= (byte) (1 + r.nextInt(255));
                    flipped.set(f, new Packet(p.timeNanos(), p.linkType(), p.originalLength(), d));
                    flippedFrames.add(f + 1L);
                }
            }
            check("flips " + seed, FrameFile.write(flipped).bytes(), baseErrors, problems, cliSamples,
                    flippedFrames);
        }
        for (int seed = 1; seed <= 2; seed++) {
            for (FrameDamage damage : FrameDamage.values()) {
                check(damage.label() + " " + seed, FrameFile.write(damage.at(frames, seed).frames()).bytes(),
                        baseErrors, problems, cliSamples);
            }
        }
        check("snaplen " + SNAPLEN, FrameFile.write(frames.stream().map(p -> p.cut(SNAPLEN)).toList()).bytes(),
                baseErrors, problems, cliSamples);
        for (int skip : new int[] {3, frames.size() / 3}) {
            if (skip > 0 && skip < frames.size()) {
                check("starting at frame " + (skip + 1), FrameFile.write(frames.subList(skip, frames.size())).bytes(),
                        baseErrors, problems, cliSamples);
            }
        }
        for (int seed = 1; seed <= 2; seed++) {
            byte[] b = clean.bytes().clone();
            Random r = new Random(seed);
            for (int i = 0; i < 8; i++) {
                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255)); // anywhere, block headers too
            }
            cliSamples.put("file flips " + seed, b);
        }

        for (Map.Entry<String, byte[]> e : cliSamples.entrySet()) {
            Path p = write(e.getValue());
            CliRun run = CliRun.of("analyze", "--format", "json", p.toString());
            String what = TestCaptures.label(capture) + " " + e.getKey();
            assertTrue(run.exit() == ExitCode.OK || run.exit() == ExitCode.FINDINGS,
                    what + ": exit " + run.exit() + "\n" + run.err());
            assertTrue(!run.err().contains("\tat ") && !run.err().contains("internal error")
                    && !run.out().contains("\tat "), what + ": " + run.err());
            Files.delete(p);
        }
        assertTrue(problems.isEmpty(), TestCaptures.label(capture) + ": errors the damage does not explain:\n  "
                + String.join("\n  ", problems.subList(0, Math.min(30, problems.size()))));
    }

    private void check(String damage, byte[] capture, Set<String> baseErrors, List<String> problems,
                       Map<String, byte[]> cliSamples) throws IOException {
        check(damage, capture, baseErrors, problems, cliSamples, Set.of());
    }

    /** {@code flippedFrames}: frames whose bytes were changed in place (numbers unchanged). */
    private void check(String damage, byte[] capture, Set<String> baseErrors, List<String> problems,
                       Map<String, byte[]> cliSamples, Set<Long> flippedFrames) throws IOException {
        cliSamples.putIfAbsent(damage.replaceAll(" .*", ""), capture);
        List<Finding> findings = analyze(damage, capture);
        List<Finding> gaps = findings.stream().filter(f -> f.type() == FindingType.CAP_GAP).toList();
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR && !baseErrors.contains(key(f)) && !explained(f, gaps)
                    && !citesFlippedFrame(f, flippedFrames)) {
                problems.add(damage + ": " + f.id() + " at frame " + f.frame() + ": " + f.message());
            }
        }
    }

    /**
     * A CAP-GAP between the error's two hosts whose frames (first to last gap) overlap the frames
     * the error cites (first to last, its own frame included).
     */
    static boolean explained(Finding error, List<Finding> gaps) {
        if (error.client() == null || error.server() == null) {
            return false;
        }
        Set<String> hosts = hosts(error);
        long[] span = span(error);
        for (Finding g : gaps) {
            long[] gapSpan = span(g);
            if (gapSpan[0] <= span[1] && gapSpan[1] >= span[0] && g.client() != null && g.server() != null
                    && hosts.equals(hosts(g))) {
                return true;
            }
        }
        return false;
    }

    /** First and last frame a finding cites, its own frame included. */
    private static long[] span(Finding f) {
        long first = f.frame();
        long last = f.frame();
        for (long e : f.frames()) {
            if (e > 0) {
                first = Math.min(first, e);
                last = Math.max(last, e);
            }
        }
        return new long[] {first, last};
    }

    private static Set<String> hosts(Finding f) {
        return new HashSet<>(List.of(host(f.client()), host(f.server())));
    }

    /**
     * A byte flipped inside a frame that lies within the frames the error cites as evidence
     * (from the first to the last, its own frame included). Such a flip keeps the message well-formed and
     * changes a field (a seqid, a slot, an owner) to another legal value; checksums cannot tell
     * (captures taken on the sending host carry unfinished checksums, so none are verified), and
     * the error then reports exactly what the damaged bytes say.
     */
    static boolean citesFlippedFrame(Finding error, Set<Long> flippedFrames) {
        long[] span = span(error);
        for (long f : flippedFrames) {
            if (f >= span[0] && f <= span[1]) {
                return true;
            }
        }
        return false;
    }

    /** The host of "host", "host:port" or "[v6]:port". */
    static String host(String endpoint) {
        if (endpoint.startsWith("[")) {
            return endpoint.substring(1, Math.max(1, endpoint.indexOf(']')));
        }
        int colon = endpoint.indexOf(':');
        return colon >= 0 && colon == endpoint.lastIndexOf(':') ? endpoint.substring(0, colon) : endpoint;
    }

    private static String key(Finding f) {
        return f.id() + "|" + f.client() + "|" + f.server() + "|" + f.owner() + "|" + f.file();
    }

    private List<Finding> analyze(String damage, byte[] capture) throws IOException {
        Path p = write(capture);
        try {
            LockAnalysis a = LockAnalysis.run(p, Settings.defaults());
            return a.findings();
        } catch (RuntimeException e) {
            throw new AssertionError(damage + ": escaped: " + e, e);
        } finally {
            Files.delete(p);
        }
    }

    private Path write(byte[] capture) throws IOException {
        return Files.write(dir.resolve("d" + (files++) + ".pcapng"), capture);
    }

    /** 8 offsets spread over the frames and 6 inside the last three frames' blocks. */
    private static long[] cutOffsets(FrameFile.Written w) {
        int n = w.offsets().length;
        long size = w.bytes().length;
        long start = n > 0 ? w.offsets()[0] : size;
        long tail = n >= 3 ? w.offsets()[n - 3] : start;
        long[] out = new long[14];
        for (int i = 0; i < 8; i++) {
            out[i] = start + (size - start) * (i + 1) / 9;
        }
        for (int i = 0; i < 6; i++) {
            out[8 + i] = tail + (size - tail) * (i + 1) / 7;
        }
        return out;
    }
}
