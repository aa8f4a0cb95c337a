package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.testing.TestCaptures;

/**
 * Every real capture in ../shared/captures meets the checks of its README section, kept in
 * expect.json: expected findings at the listed frames, quiet frame ranges without warnings or
 * errors, forbidden ids never raised at warning or error.
 */
class ExpectedFindingsTest {

    @TestFactory
    Stream<DynamicTest> realCapturesMeetTheirChecks() throws IOException {
        Path dir = TestCaptures.shared() == null ? null : TestCaptures.shared().resolve("captures");
        assumeTrue(dir != null && Files.exists(dir.resolve("expect.json")), "../shared/captures is not here");
        JsonNode expect = new ObjectMapper().readTree(dir.resolve("expect.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(dir.resolve(e.getKey()), e.getValue())));
        }
        return tests.stream();
    }

    static List<Finding> analyze(Path capture) throws IOException {
        LockView view = new LockView(Settings.defaults());
        RpcPipeline.run(capture, view, new Diagnostics(0));
        view.finish();
        return view.findings();
    }

    private static void check(Path capture, JsonNode spec) throws IOException {
        List<Finding> findings = analyze(capture);
        List<String> problems = new ArrayList<>();
        for (JsonNode q : spec.path("quiet")) {
            long from = q.get(0).asLong();
            long to = q.get(1).asLong();
            for (Finding f : findings) {
                if (f.severity().atLeast(Severity.WARNING) && f.frame() >= from && f.frame() <= to) {
                    problems.add("quiet " + from + "-" + to + " broken by " + f.id() + " at " + f.frame() + ": " + f.message());
                }
            }
        }
        Set<String> forbid = new HashSet<>();
        spec.path("forbid").forEach(n -> forbid.add(n.asText()));
        for (Finding f : findings) {
            if (forbid.contains(f.id()) && f.severity().atLeast(Severity.WARNING)) {
                problems.add("forbidden " + f.id() + " at " + f.frame() + ": " + f.message());
            }
        }
        for (JsonNode must : (Iterable<JsonNode>) spec.path("must")::elements) {
            Set<String> ids = new HashSet<>();
            must.get("ids").forEach(n -> ids.add(n.asText()));
            Set<Long> frames = new HashSet<>();
            must.get("frames").forEach(n -> frames.add(n.asLong()));
            boolean met = findings.stream().anyMatch(f -> ids.contains(f.id())
                    && f.frames().stream().anyMatch(frames::contains));
            if (!met) {
                problems.add("missing " + ids + " at " + frames + " (" + must.path("why").asText() + ")");
            }
        }
        assertTrue(problems.isEmpty(), capture.getFileName() + ":\n  " + String.join("\n  ", problems)
                + "\nfindings:\n  " + String.join("\n  ", findings.stream().map(f -> f.id() + " " + f.severity()
                + " " + f.frames() + " " + f.message()).toList()));
    }
}
