package org.nfslockscope.bench.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nfslockscope.analysis.LockView;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.RpcPipeline;

/**
 * The benchmark's captures stand for healthy traffic: a tool that finds protocol errors in them
 * measures its error path, not the one users run most. Each kind, analysed whole, raises no
 * warning or error and no diagnostic, and a seed always writes the same bytes.
 */
class GeneratedCapturesTest {
    private static final long BYTES = 2_000_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CaptureKind.class)
    void analysisFindsNothingWrong(CaptureKind kind) throws IOException {
        Path file = dir.resolve(kind.label() + ".pcap");
        kind.write(file, BYTES, 0, 1);
        LockView view = new LockView(Settings.defaults());
        Diagnostics diagnostics = new Diagnostics(5);
        CaptureSummary summary = RpcPipeline.run(file, view, diagnostics);
        view.finish();
        List<String> wrong = view.findings().stream()
                .filter(f -> f.severity().atLeast(Severity.WARNING))
                .map(GeneratedCapturesTest::describe)
                .limit(5)
                .collect(Collectors.toList());
        assertEquals(List.of(), wrong, kind.label() + " raised warnings or errors");
        assertEquals(0, diagnostics.total(), kind.label() + " diagnostics: " + diagnostics.kept());
        assertTrue(summary.rpc().calls() >= 4, kind.label() + " carried " + summary.rpc().calls() + " calls");
        assertEquals(0, summary.rpc().unansweredCalls() + summary.rpc().orphanReplies() + summary.rpc().retransmittedCalls(),
                kind.label() + ": every call answered once, no reply without its call");
    }

    @ParameterizedTest
    @EnumSource(CaptureKind.class)
    void aSeedAlwaysWritesTheSameCapture(CaptureKind kind) throws IOException {
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        kind.write(a, 300_000, 0, 42);
        kind.write(b, 300_000, 0, 42);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), kind.label());
    }

    private static String describe(Finding f) {
        return f.id() + " at " + f.frames() + ": " + f.message();
    }
}
