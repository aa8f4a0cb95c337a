package org.nfslockscope.nlm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.diag.DiagnosticSink;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;

/** Our whole pipeline over a capture, keeping the NLM and NSM messages with their decoded bodies. */
public final class DecodedCapture {

    /** One message; {@code body} is null for void bodies. */
    public record Message(long frame, boolean call, String src, String dst, int xid, int program, int version,
                          int procedure, DecodedBody body) {
    }

    private DecodedCapture() {
    }

    public static List<Message> nlmAndNsm(Path capture) {
        Decoders decoders = Decoders.standard();
        List<Message> out = new ArrayList<>();
        try {
            RpcPipeline.run(capture, (RpcEvent e) -> {
                if (e.program() == Programs.NLM || e.program() == Programs.NSM) {
                    // Decoded inside the listener: the event's bytes are a view valid only now.
                    out.add(new Message(e.frame(), e.isCall(), e.src().toString(), e.dst().toString(),
                            e.message().xid(), e.program(), e.version(), e.procedure(), decoders.decode(e)));
                }
            }, DiagnosticSink.IGNORE);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out;
    }

    public static Message at(List<Message> messages, long frame) {
        return messages.stream().filter(m -> m.frame() == frame).findFirst()
                .orElseThrow(() -> new AssertionError("no NLM/NSM message in frame " + frame));
    }
}
