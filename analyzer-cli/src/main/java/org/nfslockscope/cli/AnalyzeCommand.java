package org.nfslockscope.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcCall;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;
import org.nfslockscope.rpc.RpcStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Analyses a capture. The lock view is not built yet: today this reports what the capture holds
 * at the RPC level (span, frames, calls and replies per program, unanswered calls, damage).
 */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Analyses a capture and prints a report.",
            "Today the report covers the capture and its RPC traffic: time span, frames, TCP",
            "connections, calls and replies per program and procedure, unanswered calls, orphan",
            "replies, retransmissions and damage found in the capture. The lock view and its",
            "findings are not built yet."})
public final class AnalyzeCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "pcap or pcapng file, optionally gzip- or bzip2-compressed")
    Path capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the document described in docs/output.md)")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Calls per "PROGRAM vN PROC". */
    private final Map<String, Long> callsByProcedure = new TreeMap<>();
    private long nfs4Compounds;
    private long nfs4Callbacks;
    private long nlmCalls;
    private long nsmCalls;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        RpcListener counter = this::count;
        CaptureInput.Pass pass = CaptureInput.run(capture, counter);
        if (pass.failed()) {
            err.println("nfslockscope: " + pass.error());
            return ExitCode.USAGE_OR_INPUT;
        }
        try (OutputStream out = OutputTarget.open(output)) {
            if (format == Format.json) {
                json(out, pass);
            } else {
                text(out, pass.summary());
                CaptureInput.printDiagnostics(err, capture, pass.diagnostics());
            }
        }
        return ExitCode.OK;
    }

    private void count(RpcEvent e) {
        if (!e.isCall() || e.retransmission()) {
            return;
        }
        RpcCall c = e.call().call();
        callsByProcedure.merge(Programs.programName(c.program()) + " v" + c.version() + " "
                + Programs.procedureName(c.program(), c.version(), c.procedure()), 1L, Long::sum);
        if (c.program() == Programs.NFS && c.version() == 4 && c.procedure() == 1) {
            nfs4Compounds++;
        } else if (Programs.isTransient(c.program()) && c.procedure() == 1) {
            nfs4Callbacks++;
        } else if (c.program() == Programs.NLM) {
            nlmCalls++;
        } else if (c.program() == Programs.NSM) {
            nsmCalls++;
        }
    }

    private void text(OutputStream out, CaptureSummary s) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        RpcStats r = s.rpc();
        w.printf("Capture      %s (%s, %d frames, %d bytes)%n", capture, s.format().label(), s.frames(), s.bytes());
        if (s.firstTimeNanos() >= 0) {
            w.printf("Span         %s .. %s (%.3f s)%n", Times.isoOnce(s.firstTimeNanos()),
                    Times.isoOnce(s.lastTimeNanos()), (s.lastTimeNanos() - s.firstTimeNanos()) / 1e9);
        }
        w.printf("TCP          %d connections%n", s.tcpConnections());
        w.printf("RPC          %d calls, %d replies; %d calls unanswered, %d replies without their call,%n"
                        + "             %d retransmitted calls, %d duplicate replies%n",
                r.calls(), r.replies(), r.unansweredCalls(), r.orphanReplies(), r.retransmittedCalls(),
                r.duplicateReplies());
        if (!callsByProcedure.isEmpty()) {
            w.println("Calls by procedure (retransmissions not counted):");
            callsByProcedure.forEach((k, v) -> w.printf("  %-32s %8d%n", k, v));
        }
        w.printf("Diagnostics  %d%n", s.diagnostics());
        w.println();
        w.println("Lock analysis is not built yet: this report covers the RPC level only.");
        w.flush();
    }

    private void json(OutputStream out, CaptureInput.Pass pass) throws IOException {
        CaptureSummary s = pass.summary();
        RpcStats r = s.rpc();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "nfslockscope");
            g.writeStringField("version", VersionProvider.version());
            g.writeEndObject();
            g.writeObjectFieldStart("capture");
            g.writeStringField("path", capture.toString());
            g.writeStringField("format", s.format().label());
            g.writeNumberField("frames", s.frames());
            g.writeNumberField("bytes", s.bytes());
            if (s.firstTimeNanos() >= 0) {
                g.writeStringField("start", Times.isoOnce(s.firstTimeNanos()));
                g.writeStringField("end", Times.isoOnce(s.lastTimeNanos()));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("rpcCalls", r.calls());
            g.writeNumberField("rpcReplies", r.replies());
            g.writeNumberField("unmatchedCalls", r.unansweredCalls());
            g.writeNumberField("unmatchedReplies", r.orphanReplies());
            g.writeNumberField("retransmittedCalls", r.retransmittedCalls());
            g.writeNumberField("duplicateReplies", r.duplicateReplies());
            g.writeNumberField("tcpConnections", s.tcpConnections());
            g.writeNumberField("nfs4Compounds", nfs4Compounds);
            g.writeNumberField("nfs4Callbacks", nfs4Callbacks);
            g.writeNumberField("nlmCalls", nlmCalls);
            g.writeNumberField("nsmCalls", nsmCalls);
            g.writeNumberField("diagnostics", s.diagnostics());
            g.writeEndObject();
            g.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : pass.diagnostics().kept()) {
                g.writeStartObject();
                if (d.frame() > 0) {
                    g.writeNumberField("frame", d.frame());
                }
                g.writeStringField("stage", d.stage().name().toLowerCase());
                g.writeStringField("message", d.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }
    }
}
