package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.diag.DiagnosticSink;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.testing.TestCaptures;
import org.nfslockscope.testing.Tshark;

/**
 * Compares our NFSv4 decoding with tshark's, frame by frame, on every real capture: the list of
 * operations, and for frames whose operations we model fully, the statuses, stateids, owner and
 * lock seqids, lock types, ranges, reclaim and new-lock-owner flags and clientids.
 */
class Nfs4TsharkDifferentialTest {
    /**
     * NFSv3-only public captures of 100-190 MB once decompressed: tshark shows no NFSv4 in them
     * (checked by hand), and decompressing them would dominate the test time.
     */
    private static final Set<String> NO_NFS4 = Set.of("2sessions-tcp-wsize32k-tcp-wsize512k.pcap.bz2",
            "eth-ipv4-tcp-nfsv3.pcap.bz2", "eth-ipv6-tcp-nfsv3.pcap.bz2", "eth-ipv6-tcp-nfsv3-bad_alloc.pcap.bz2",
            "tcp-seq-overlap-in-fragment-12721.pcap.bz2");

    @TestFactory
    Stream<DynamicTest> agreesWithTshark() {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed");
        return TestCaptures.all().stream()
                .filter(p -> !NO_NFS4.contains(p.getFileName().toString()))
                .map(p -> DynamicTest.dynamicTest(TestCaptures.label(p), () -> compare(p)));
    }

    /** Our columns per frame, and the TCP ports of NFSv4 peers, which tshark may need told are RPC. */
    private record Ours(Map<Long, WireColumns> frames, Set<Integer> ports) {
    }

    static Ours decode(Path capture) throws IOException {
        Decoders decoders = Decoders.standard();
        Map<Long, WireColumns> frames = new TreeMap<>();
        Set<Integer> ports = new TreeSet<>();
        RpcPipeline.run(capture, e -> {
            DecodedBody body = decoders.decode(e);
            if (body instanceof Compound || body instanceof CompoundResult || body instanceof CbCompound
                    || body instanceof CbCompoundResult) {
                frames.computeIfAbsent(e.frame(), f -> new WireColumns()).add(body);
                if (e.connection() >= 0) {
                    addPorts(e, ports);
                }
            }
        }, DiagnosticSink.IGNORE);
        return new Ours(frames, ports);
    }

    private static void addPorts(RpcEvent e, Set<Integer> ports) {
        ports.add(e.src().port());
        ports.add(e.dst().port());
    }

    private static void compare(Path capture) throws IOException {
        Ours ours = decode(capture);
        List<String> decodeAs = new ArrayList<>();
        for (int port : ours.ports()) {
            if (port != 2049) {
                decodeAs.add("tcp.port==" + port + ",rpc");
            }
        }
        List<String> fields = new ArrayList<>(List.of("frame.number", "rpc.msgtyp"));
        fields.addAll(WireColumns.ALL);
        // No display filter: frames where tshark finds no NFS are needed too, to tell them apart.
        List<String[]> rows = Tshark.fields(capture, null, decodeAs, fields.toArray(String[]::new));
        Map<Long, String[]> theirs = new TreeMap<>();
        Set<Long> tsharkSawNoRpc = new TreeSet<>();
        for (String[] row : rows) {
            long frame = Long.parseLong(row[0]);
            if (row[1].isEmpty()) {
                tsharkSawNoRpc.add(frame);
            } else if (!row[2].isEmpty() || !row[3].isEmpty() || !row[4].isEmpty()) {
                theirs.put(frame, row);
            }
        }
        List<String> problems = new ArrayList<>();
        int compared = 0;
        Set<Long> all = new TreeSet<>(theirs.keySet());
        all.addAll(ours.frames().keySet());
        int tsharkBlind = 0;
        for (long frame : all) {
            WireColumns mine = ours.frames().get(frame);
            if (tsharkSawNoRpc.contains(frame)) {
                // Documented exception: tshark found no RPC message at all in this frame. In the
                // public eth-ipv4-tcp-nfsv3-4-41-cifs1-2 trace, 64 KB loopback segments are taken
                // by its DLEP heuristic or shown as an unreassembled RPC "Continuation", so it has
                // nothing to compare with. Frames where tshark sees any RPC message are compared.
                tsharkBlind++;
                continue;
            }
            String[] row = theirs.get(frame);
            for (int i = 0; i < WireColumns.ALL.size(); i++) {
                String column = WireColumns.ALL.get(i);
                boolean opcodes = column.equals(WireColumns.OPCODE) || column.equals(WireColumns.CB_OPERATION);
                if (!opcodes && (mine == null || !mine.fullyModelled)) {
                    continue;
                }
                List<String> t = row == null || row[i + 2].isEmpty() ? List.of() : Arrays.asList(row[i + 2].split("\\|"));
                List<String> o = mine == null ? List.of() : mine.columns.get(column);
                if (!t.equals(o)) {
                    problems.add("frame " + frame + " " + column + ": tshark " + t + " ours " + o);
                }
            }
            compared++;
        }
        System.out.printf("%s: %d frames compared, %d where tshark sees no RPC%n", TestCaptures.label(capture),
                compared, tsharkBlind);
        assertTrue(problems.isEmpty(), () -> TestCaptures.label(capture) + ": " + problems.size() + " differences, first "
                + problems.subList(0, Math.min(20, problems.size())));
        assertEquals(theirs.size() > 0, ours.frames().size() > 0, "both see NFSv4 or neither does");
    }
}
