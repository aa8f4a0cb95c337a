package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.testing.CaptureBuilder;
import org.nfslockscope.testing.Iface;
import org.nfslockscope.testing.Link;
import org.nfslockscope.testing.Message;
import org.nfslockscope.testing.PipelineRun;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.testing.TcpFlow;
import org.nfslockscope.testing.Tshark;
import org.nfslockscope.testing.UdpFlow;

/**
 * The capture builder is only worth trusting if the reference dissector reads its files the way
 * the builder says: every link layer and file flavour, checked against our pipeline and, where
 * installed, tshark.
 */
class CaptureBuilderOracleTest {
    @TempDir
    Path dir;

    static Stream<Arguments> flavours() {
        List<Arguments> out = new ArrayList<>();
        Link[] links = {Link.ethernet(), Link.ethernet(100), Link.ethernet(10, 20), Link.sll(), Link.sll2(),
            Link.raw(), Link.rawIp(false), Link.bsdNull(), Link.loop()};
        for (Link l : links) {
            for (String host : new String[] {"10.1.2.3", "fd00::3"}) {
                if (l.linkType() == 228 && host.contains(":")) {
                    continue;
                }
                out.add(Arguments.of(l, host, "pcap-le"));
                out.add(Arguments.of(l, host, "pcapng-be"));
            }
        }
        out.add(Arguments.of(Link.rawIp(true), "fd00::3", "pcap-ns-be"));
        out.add(Arguments.of(Link.bsdNull(), "10.1.2.3", "pcap-ns-be"));
        out.add(Arguments.of(Link.ethernet(), "10.1.2.3", "pcap-gz"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("flavours")
    void pipelineAndTsharkSeeWhatTheBuilderWrote(Link link, String client, String flavour) {
        CaptureBuilder b;
        if (flavour.startsWith("pcapng")) {
            b = CaptureBuilder.pcapng();
            b.iface(Iface.of(Link.sll()));
            b.iface(Iface.of(link).tsresol(9));
        } else {
            b = CaptureBuilder.pcap(link).order(flavour.endsWith("le") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            if (flavour.contains("-ns")) {
                b.nanos();
            }
            if (flavour.endsWith("gz")) {
                b.gzip();
            }
        }
        int iface = flavour.startsWith("pcapng") ? 1 : 0;
        String server = client.contains(":") ? "fd00::9" : "10.1.2.9";
        TcpFlow tcp = b.tcp(b.host(client), 871, b.host(server), 2049).on(iface).handshake();
        Message call = tcp.call(Rpc.call(0x11, 100003, 3, 0).authSys("box", 0, 0));
        Message reply = tcp.reply(Rpc.reply(0x11));
        UdpFlow udp = b.udp(b.host(client), 900, b.host(server), 2049).on(iface);
        Message ucall = udp.send(Rpc.call(0x22, 100003, 3, 0));
        Message ureply = udp.reply(Rpc.reply(0x22));
        Path file = b.write(dir.resolve("c." + (flavour.startsWith("pcapng") ? "pcapng" : "pcap")
                + (flavour.endsWith("gz") ? ".gz" : "")));

        PipelineRun run = PipelineRun.ofCapture(file);
        assertEquals(List.of((long) call.frame(), (long) reply.frame(), (long) ucall.frame(), (long) ureply.frame()),
                run.frames(), run.diagnostics().toString());
        assertEquals(List.of(0x11, 0x11, 0x22, 0x22), run.xids());
        assertTrue(run.diagnostics().isEmpty(), run.diagnostics().toString());

        if (Tshark.available()) {
            List<String[]> rows = Tshark.fields(file, "rpc", List.of(), "frame.number", "rpc.xid");
            List<String> seen = rows.stream().map(r -> r[0] + "/" + r[1]).toList();
            assertEquals(List.of(call.frame() + "/0x00000011", reply.frame() + "/0x00000011",
                    ucall.frame() + "/0x00000022", ureply.frame() + "/0x00000022"), seen);
        }
    }
}
