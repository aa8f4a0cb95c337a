package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.testing.FrameDamage;
import org.nfslockscope.testing.FrameFile;
import org.nfslockscope.testing.FrameFile.Packet;

/**
 * Memory under damage, checked by a heap cap rather than measured: the damaged copies of each
 * real capture (first 1500 frames, as in {@link FindingsFaultInjectionTest}) are analysed by
 * {@code nfslockscope analyze} in a child JVM started with {@value #HEAP} of heap (one JVM per
 * capture, its damaged copies one after the other). What the
 * pipeline and the lock view hold is bounded by their documented caps and by the capture's
 * own content, not by what the damage claims (a record mark, packet or block length turned
 * into megabytes by a flipped byte): a run that had to believe such a length would not fit.
 * Every run must end with exit 0 or 1, no stack trace, no internal error, no OutOfMemoryError.
 */
class MemoryBoundTest {
    /**
     * Just above what the undamaged runs need: every run of every capture here passes with
     * 14 MiB. A damaged length that a stage believed would cost up to 16 MiB (the largest block
     * or packet accepted) and does not fit: before the capture reader grew its buffer only as
     * bytes arrived, two captures with 8 bytes flipped in block headers ran out of memory here.
     */
    static final String HEAP = "16m";

    @TempDir
    Path dir;

    static Stream<Path> captures() {
        return FindingsFaultInjectionTest.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void damagedCopiesRunInASmallHeap(Path capture) throws IOException, InterruptedException {
        List<Packet> frames = FrameFile.read(capture, FindingsFaultInjectionTest.MAX_FRAMES);
        byte[] clean = FrameFile.write(frames).bytes();
        List<byte[]> copies = new ArrayList<>();
        copies.add(clean);
        copies.add(Arrays.copyOf(clean, clean.length / 2));
        copies.add(Arrays.copyOf(clean, clean.length - 3));
        for (FrameDamage damage : FrameDamage.values()) {
            copies.add(FrameFile.write(damage.at(frames, 1).frames()).bytes());
        }
        copies.add(FrameFile.write(frames.stream().map(p -> p.cut(96)).toList()).bytes());
        if (frames.size() > 3) {
            copies.add(FrameFile.write(frames.subList(frames.size() / 3, frames.size())).bytes());
        }
        for (int seed = 1; seed <= 4; seed++) {
            byte[] b = clean.clone();
            Random r = new Random(seed);
            for (int i = 0; i < 8; i++) {
                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255)); // anywhere, block headers too
            }
            copies.add(b);
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            Path p = dir.resolve("copy" + i + ".pcapng");
            Files.write(p, copies.get(i));
            paths.add(p.toString());
        }
        Path list = Files.write(dir.resolve("list.txt"), paths);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx" + HEAP, "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), BoundedHeapRuns.class.getName(), list.toString())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("done " + paths.size()), out);
        assertTrue(!out.contains("OutOfMemoryError"), out);
        String last = out.lines().filter(l -> l.startsWith("ok ")).reduce((a, b) -> b).orElse("");
        System.out.println(capture.getFileName() + ": " + paths.size() + " runs, " + last.replaceAll(".* peak", "peak"));
    }
}
