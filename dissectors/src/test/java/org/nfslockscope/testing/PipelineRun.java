package org.nfslockscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.pipeline.CaptureSummary;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.RpcEvent;

/** The result of running the RPC pipeline over a file: every message (copied out of the reader's buffers) and every diagnostic. */
public record PipelineRun(CaptureSummary summary, List<RpcEvent> events, List<Diagnostic> diagnostics) {

    public static PipelineRun of(Path capture) throws IOException {
        List<RpcEvent> events = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        CaptureSummary s = RpcPipeline.run(capture, e -> events.add(copy(e)), diagnostics::add);
        return new PipelineRun(s, events, diagnostics);
    }

    /** Like {@link #of} for files that are known to be captures. */
    public static PipelineRun ofCapture(Path capture) {
        try {
            return of(capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RpcEvent copy(RpcEvent e) {
        java.nio.ByteBuffer r = java.nio.ByteBuffer.allocate(e.record().remaining());
        r.put(e.record().duplicate()).flip();
        return new RpcEvent(e.frame(), e.timeNanos(), e.transport(), e.connection(), e.src(), e.dst(),
                e.message(), e.call(), e.retransmission(), e.complete(), r, e.replaced(), e.repeatedReply());
    }

    /** The frames the messages completed in, in order. */
    public List<Long> frames() {
        return events.stream().map(RpcEvent::frame).toList();
    }

    public List<Integer> xids() {
        return events.stream().map(e -> e.message().xid()).toList();
    }

    /** The only event with this xid and direction. */
    public RpcEvent one(int xid, boolean call) {
        List<RpcEvent> m = events.stream().filter(e -> e.message().xid() == xid && e.isCall() == call).toList();
        if (m.size() != 1) {
            throw new AssertionError("expected one " + (call ? "call" : "reply") + " with xid " + xid + ", got " + m);
        }
        return m.get(0);
    }

    /** Diagnostics mentioning an internal error: a decoder threw where it should have reported. */
    public List<Diagnostic> internalErrors() {
        return diagnostics.stream().filter(d -> d.message().contains("internal error")).toList();
    }
}
