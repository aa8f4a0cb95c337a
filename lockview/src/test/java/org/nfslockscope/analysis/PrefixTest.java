package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.testing.TestCaptures;

/**
 * A capture cut after any frame never raises an error that the whole capture does not raise at
 * that point: the end of a capture is not evidence of anything (notes §3.0.2). Small captures
 * are cut after every frame, larger ones at 150 evenly spaced frames.
 */
class PrefixTest {
    @TestFactory
    Stream<DynamicTest> cutCapturesRaiseNoNewErrors() throws IOException {
        Path dir = TestCaptures.shared() == null ? null : TestCaptures.shared().resolve("captures");
        assumeTrue(dir != null && Files.isDirectory(dir), "../shared/captures is not here");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
            }
        }
        return tests.stream();
    }

    private static List<Finding> run(Path capture, long until, long[] frames) throws IOException {
        LockView view = new LockView(Settings.defaults());
        CaptureSummary s = RpcPipeline.run(capture, view, new Diagnostics(0), RpcPipeline.Progress.NONE, until);
        view.finish();
        frames[0] = s.frames();
        return view.findings();
    }

    private static String key(Finding f) {
        return f.id() + "@" + f.frame();
    }

    private static void check(Path capture) throws IOException {
        long[] total = new long[1];
        List<Finding> whole = run(capture, Long.MAX_VALUE, total);
        Set<String> wholeErrors = whole.stream().filter(f -> f.severity() == Severity.ERROR)
                .map(PrefixTest::key).collect(Collectors.toSet());
        long step = Math.max(1, total[0] / 150);
        List<String> problems = new ArrayList<>();
        long[] ignored = new long[1];
        for (long cut = 1; cut <= total[0]; cut += step) {
            for (Finding f : run(capture, cut, ignored)) {
                if (f.severity() == Severity.ERROR && !wholeErrors.contains(key(f))) {
                    problems.add("cut after frame " + cut + ": " + f.id() + " at " + f.frame() + ": " + f.message());
                }
            }
        }
        assertTrue(problems.isEmpty(), capture.getFileName() + ":\n  "
                + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
    }
}
