package org.nfslockscope.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.rpc.RpcCall;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;
import org.nfslockscope.rpc.RpcReply;
import org.nfslockscope.rpc.Programs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One line per RPC message, in capture order. */
@Command(name = "dump",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Lists every ONC RPC message in the capture, one line each, with its decoded fields.",
            "",
            "In capture order: frame (the Wireshark frame number in which the message completes),"
                    + " time, endpoints, XID, call or reply, program, version, procedure, and the decoded"
                    + " operations (NFSv4) or arguments and results (NLM, NSM). Replies name the frame of"
                    + " their call. RPC is recognised by content, on any port; TCP streams are reassembled"
                    + " and split into records. Damage in the capture is reported on stderr with frame numbers.",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {"    0  the capture was read (damage inside it is reported on stderr)",
            "    2  usage error, or the input is not a readable capture",
            "  130  interrupted (Ctrl-C): the messages up to that frame were printed"})
public final class DumpCommand implements Callable<Integer> {
    enum Format { text, jsonl }

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "pcap or pcapng file, optionally gzip- or bzip2-compressed")
    Path capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or jsonl (one JSON object per message; see docs/)")
    Format format;

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.ArgGroup(validate = false, heading = "%nOn the terminal:%n")
    DisplayOptions display = new DisplayOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set by Ctrl-C; tests replace it to stop at a known frame. */
    Interrupt interrupt = new Interrupt();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try (OutputStream out = OutputTarget.open(output)) {
            Decoders decoders = Decoders.standard();
            MessageWriter writer = format == Format.jsonl ? new JsonlWriter(out, decoders)
                    : new TextWriter(out, decoders, display.style(output.file));
            CaptureInput.Pass pass;
            Interrupt.Handle sigint = interrupt.onSigint();
            try {
                pass = CaptureInput.run(capture, writer, display.streamingControl(interrupt, output.file));
            } catch (UncheckedIOException e) {
                err.println("nfslockscope: cannot write output: " + e.getCause().getMessage());
                return ExitCode.USAGE_OR_INPUT;
            } finally {
                sigint.close();
            }
            writer.close();
            if (pass.failed()) {
                err.println("nfslockscope: " + pass.error());
                return ExitCode.USAGE_OR_INPUT;
            }
            CaptureInput.printDiagnostics(err, capture, pass.diagnostics());
            if (pass.interrupted()) {
                err.println("nfslockscope: interrupted after frame " + pass.interruptedAfter());
                err.flush();
                return Interrupt.EXIT_CODE;
            }
        }
        return ExitCode.OK;
    }

    private interface MessageWriter extends RpcListener {
        void close() throws IOException;
    }

    private static final class JsonlWriter implements MessageWriter {
        private final JsonGenerator g;
        private final Times times = new Times();
        private final Decoders decoders;
        private final JsonFieldWriter fields;

        JsonlWriter(OutputStream out, Decoders decoders) throws IOException {
            this.decoders = decoders;
            g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
            fields = new JsonFieldWriter(g);
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }

        @Override
        public void onMessage(RpcEvent e) {
            try {
                g.writeStartObject();
                g.writeNumberField("frame", e.frame());
                g.writeStringField("time", times.iso(e.timeNanos()));
                g.writeStringField("src", e.src().toString());
                g.writeStringField("dst", e.dst().toString());
                g.writeStringField("transport", e.transport().name().toLowerCase());
                if (e.connection() >= 0) {
                    g.writeNumberField("connection", e.connection());
                }
                g.writeStringField("xid", e.message().xidHex());
                g.writeStringField("type", e.isCall() ? "call" : "reply");
                if (e.call() != null) {
                    RpcCall c = e.call().call();
                    g.writeNumberField("program", c.program() & 0xffffffffL);
                    g.writeNumberField("version", c.version() & 0xffffffffL);
                    g.writeNumberField("procedure", c.procedure() & 0xffffffffL);
                    g.writeStringField("programName", Programs.programName(c.program()));
                    g.writeStringField("procedureName", Programs.procedureName(c.program(), c.version(), c.procedure()));
                }
                if (e.message() instanceof RpcReply r) {
                    if (e.call() != null) {
                        g.writeNumberField("callFrame", e.call().frame());
                    }
                    g.writeStringField("rpcStatus", r.statusName());
                } else if (e.retransmission()) {
                    g.writeNumberField("originalFrame", e.call().frame());
                }
                g.writeBooleanField("retransmission", e.retransmission());
                if (!e.complete()) {
                    g.writeBooleanField("complete", false);
                }
                DecodedBody body = decoders.decode(e);
                if (body != null) {
                    body.describe(fields);
                    if (body.damage() != null) {
                        g.writeStringField("damage", body.damage());
                    }
                }
                g.writeEndObject();
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }

        @Override
        public void close() throws IOException {
            g.writeRaw('\n');
            g.close();
        }
    }

    private static final class TextWriter implements MessageWriter {
        private final PrintWriter w;
        private final Decoders decoders;
        private final Style style;
        private long origin;

        TextWriter(OutputStream out, Decoders decoders, Style style) {
            this.decoders = decoders;
            this.style = style;
            w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        }

        @Override
        public void onCaptureStart(long timeNanos) {
            origin = timeNanos;
        }

        @Override
        public void onMessage(RpcEvent e) {
            StringBuilder sb = new StringBuilder(120);
            sb.append(style.frame(String.format("%7d", e.frame())));
            sb.append(String.format(" %12s  %s -> %s  %-5s %s", Times.relative(e.timeNanos(), origin),
                    e.src(), e.dst(), e.isCall() ? "call" : "reply", e.message().xidHex()));
            if (e.call() != null) {
                RpcCall c = e.call().call();
                sb.append("  ").append(Programs.programName(c.program())).append(" v").append(c.version())
                        .append(' ').append(Programs.procedureName(c.program(), c.version(), c.procedure()));
            } else {
                sb.append("  (call not in capture)");
            }
            if (e.message() instanceof RpcReply r) {
                sb.append("  ").append(r.statusName());
                if (e.call() != null) {
                    sb.append("  [call ").append(e.call().frame()).append(']');
                }
            }
            if (e.retransmission()) {
                sb.append(e.isCall() ? "  [retransmission of " + e.call().frame() + "]" : "  [duplicate reply]");
            }
            if (!e.complete()) {
                sb.append("  [incomplete]");
            }
            DecodedBody body = decoders.decode(e);
            if (body != null) {
                sb.append("  ");
                body.describe(new TextFieldWriter(sb));
                if (body.damage() != null) {
                    sb.append("  [damaged: ").append(body.damage()).append(']');
                }
            }
            w.println(sb);
            if (w.checkError()) {
                throw new UncheckedIOException(new IOException("output closed"));
            }
        }

        @Override
        public void close() {
            w.flush();
        }
    }
}
