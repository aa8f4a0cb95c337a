package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.testing.TestCaptures;

class CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sample(String name) {
        return TestCaptures.projectRoot().resolve("samples-pcap").resolve(name);
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("dump") && help.out().contains("analyze"), help.out());
        assertTrue(help.out().contains("Exit codes"), help.out());
        CliRun dumpHelp = CliRun.of("dump", "--help");
        assertEquals(0, dumpHelp.exit());
        assertTrue(dumpHelp.out().contains("--format"), dumpHelp.out());
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("nfslockscope 0."), version.out());
    }

    /** Main adds only the command its first argument names; help and errors must not notice. */
    @Test
    void everyCommandIsListedAndANamedOneStillKnowsItsParent() {
        String out = CliRun.of("--help").out();
        int at = -1;
        for (String command : new String[] {"  analyze ", "  check ", "  dump ", "  findings ", "  help "}) {
            int next = out.indexOf(command);
            assertTrue(next > at, command + " listed in order: " + out);
            at = next;
        }
        CliRun typo = CliRun.of("analyse", "x.pcap");
        assertEquals(ExitCode.USAGE_OR_INPUT, typo.exit());
        assertTrue(typo.err().contains("Try 'nfslockscope --help'"), typo.err());
        CliRun missing = CliRun.of("analyze");
        assertEquals(ExitCode.USAGE_OR_INPUT, missing.exit());
        assertTrue(missing.err().contains("Try 'nfslockscope analyze --help'"), missing.err());
        CliRun helpOf = CliRun.of("help", "check");
        assertEquals(0, helpOf.exit());
        assertTrue(helpOf.out().contains("--fail-on"), helpOf.out());
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun none = CliRun.of();
        assertEquals(ExitCode.USAGE_OR_INPUT, none.exit());
        CliRun badFormat = CliRun.of("dump", "--format", "xml", sample("v41-single.pcap").toString());
        assertEquals(ExitCode.USAGE_OR_INPUT, badFormat.exit());
        assertTrue(badFormat.err().contains("--format"), badFormat.err());
    }

    @Test
    void dumpJsonlListsEveryMessageWithTheContractFields() throws IOException {
        CliRun run = CliRun.of("dump", "--format", "jsonl", sample("v40-single-pynfs.pcap").toString());
        assertEquals(0, run.exit(), run.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : run.out().split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        assertEquals(56, lines.size(), "tshark lists 56 RPC messages in this capture");
        JsonNode lock = lines.stream().filter(n -> n.get("frame").asLong() == 49).findFirst().orElseThrow();
        assertEquals("call", lock.get("type").asText());
        assertEquals(100003, lock.get("program").asInt());
        assertEquals(4, lock.get("version").asInt());
        assertEquals(1, lock.get("procedure").asInt());
        assertEquals("COMPOUND", lock.get("procedureName").asText());
        assertTrue(lock.get("xid").asText().matches("0x[0-9a-f]{8}"), lock.toString());
        assertTrue(lock.get("src").asText().startsWith("127.0.0.1:"), lock.toString());
        assertEquals("127.0.0.1:2049", lock.get("dst").asText());
        assertFalse(lock.get("retransmission").asBoolean());
        JsonNode reply = lines.stream().filter(n -> n.get("frame").asLong() == 50).findFirst().orElseThrow();
        assertEquals("reply", reply.get("type").asText());
        assertEquals(49, reply.get("callFrame").asLong());
        assertEquals(lock.get("xid").asText(), reply.get("xid").asText());
        assertTrue(reply.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"), reply.toString());
    }

    @Test
    void dumpTextNamesProceduresAndCalls() {
        CliRun run = CliRun.of("dump", sample("nlm-basic-contention-granted.pcap").toString());
        assertEquals(0, run.exit(), run.err());
        String line61 = run.out().lines().filter(l -> l.trim().startsWith("61 ")).findFirst().orElseThrow();
        assertTrue(line61.contains("NLM v4 GRANTED_MSG"), line61);
        assertTrue(line61.contains("127.0.0.2:32803"), line61);
    }

    @Test
    void missingFileExitsTwoWithOneLine() {
        CliRun run = CliRun.of("dump", "/nonexistent/capture.pcap");
        assertEquals(ExitCode.USAGE_OR_INPUT, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void randomBytesExitTwoWithOneLineAndNoStackTrace(@TempDir Path dir) throws IOException {
        Path f = TestFiles.randomBytes(dir);
        for (String cmd : List.of("dump", "analyze")) {
            CliRun run = CliRun.of(cmd, f.toString());
            assertEquals(ExitCode.USAGE_OR_INPUT, run.exit(), cmd);
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains("not a pcap or pcapng capture"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void truncatedCaptureStillReportsWhatCouldBeRead(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(sample("v40-single-pynfs.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 50));
        CliRun run = CliRun.of("dump", "--format", "jsonl", cut.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().lines().count() >= 50, run.out());
        assertTrue(run.err().contains("capture ends inside"), run.err());
        assertTrue(run.err().matches("(?s).*frame \\d+.*"), "diagnostic names a frame: " + run.err());
    }

    @Test
    void analyzeJsonHasTheContractHeader() throws IOException {
        CliRun run = CliRun.of("analyze", "--format", "json", sample("v40-server-restart-grace.pcap").toString());
        // the test client's LOCKU at 182 reuses the seqid of a different request: an error-level finding
        assertEquals(ExitCode.FINDINGS, run.exit(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertTrue(doc.at("/summary/findings/error").asLong() >= 1);
        assertEquals("nfslockscope", doc.at("/tool/name").asText());
        assertEquals("pcap", doc.at("/capture/format").asText());
        assertEquals(213, doc.at("/capture/frames").asLong());
        assertEquals(67, doc.at("/summary/rpcCalls").asLong());
        assertEquals(2, doc.at("/summary/retransmittedCalls").asLong());
        assertTrue(doc.at("/summary/nfs4Compounds").asLong() > 0);
        assertTrue(doc.get("diagnostics").isArray());
    }

    @Test
    void analyzeJsonReportsFindingsAndTheLockTableAtAFrame() throws IOException {
        CliRun run = CliRun.of("analyze", "--format", "json", sample("v40-server-restart-grace.pcap").toString());
        JsonNode doc = JSON.readTree(run.out());
        boolean lateReclaim = false;
        for (JsonNode f : doc.get("findings")) {
            lateReclaim |= f.get("id").asText().equals("V4-RECLAIM-OUTSIDE-GRACE") && f.get("frame").asLong() == 181;
            assertTrue(f.has("severity") && f.has("frames") && f.has("message") && f.has("reference"), f.toString());
        }
        assertTrue(lateReclaim, run.out());
        assertEquals(doc.at("/summary/findings/warning").asLong(),
                java.util.stream.StreamSupport.stream(doc.get("findings").spliterator(), false)
                        .filter(f -> f.get("severity").asText().equals("warning")).count());
        assertEquals(1, doc.get("locksHeldAtEnd").size(), "c1's reclaimed lock is still held");
        assertEquals(109, doc.at("/locksHeldAtEnd/0/frame").asLong());

        // LOCK15: c1 holds the lock after frame 60 and has given it back by frame 64; c2 holds it from 66
        JsonNode at60 = JSON.readTree(CliRun.of("analyze", "--at", "60", "--format", "json",
                sample("v40-pynfs-contention-LOCK15.pcap").toString()).out());
        assertEquals(1, at60.get("locksHeld").size());
        assertEquals(60, at60.at("/locksHeld/0/frame").asLong());
        JsonNode at64 = JSON.readTree(CliRun.of("analyze", "--at", "64", "--format", "json",
                sample("v40-pynfs-contention-LOCK15.pcap").toString()).out());
        assertEquals(0, at64.get("locksHeld").size(), at64.toString());
        JsonNode at66 = JSON.readTree(CliRun.of("analyze", "--at", "66", "--format", "json",
                sample("v40-pynfs-contention-LOCK15.pcap").toString()).out());
        assertEquals(66, at66.at("/locksHeld/0/frame").asLong(), at66.toString());
        assertEquals(ExitCode.USAGE_OR_INPUT, CliRun.of("analyze", "--at", "0", sample("v41-single.pcap").toString()).exit());
    }

    @Test
    void contentionProfileHasCountsAndDurations() throws IOException {
        JsonNode doc = JSON.readTree(CliRun.of("analyze", "--format", "json",
                sample("nlm-basic-contention-granted.pcap").toString()).out());
        JsonNode top = doc.at("/contention/0");
        assertEquals(5, top.get("grants").asLong(), top.toString());
        assertEquals(1, top.get("denials").asLong(), top.toString());
        // B waited about one second for A's unlock and the GRANTED_MSG (frames 52..61)
        assertTrue(top.at("/waitSeconds/max").asDouble() > 0.9 && top.at("/waitSeconds/max").asDouble() < 1.1, top.toString());
        assertTrue(top.at("/holdSeconds/min").asDouble() <= top.at("/holdSeconds/median").asDouble());
    }

    @Test
    void filtersNarrowTheReportNotTheAnalysis() throws IOException {
        String cap = sample("v40-server-restart-grace.pcap").toString();
        JsonNode all = JSON.readTree(CliRun.of("analyze", "--format", "json", cap).out());
        JsonNode late = JSON.readTree(CliRun.of("analyze", "--format", "json", "--since", "170", cap).out());
        assertTrue(late.get("findings").size() > 0 && late.get("findings").size() < all.get("findings").size());
        late.get("findings").forEach(f -> assertTrue(f.get("frame").asLong() >= 170, f.toString()));
        JsonNode early = JSON.readTree(CliRun.of("analyze", "--format", "json", "--until", "2026-11-22T10:10:06Z", cap).out());
        early.get("findings").forEach(f -> assertTrue(f.get("frame").asLong() < 100, f.toString()));
        JsonNode otherFile = JSON.readTree(CliRun.of("analyze", "--format", "json", "--file", "0xdeadbeef", cap).out());
        assertEquals(0, otherFile.get("locksHeldAtEnd").size());
        JsonNode otherClient = JSON.readTree(CliRun.of("analyze", "--format", "json", "--client", "10.9.9.9", cap).out());
        assertEquals(0, otherClient.get("findings").size());
        assertEquals(ExitCode.USAGE_OR_INPUT, CliRun.of("analyze", "--until", "yesterday", cap).exit());
    }

    @Test
    void outputFileOption(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("dump.jsonl");
        CliRun run = CliRun.of("dump", "--format", "jsonl", "-o", out.toString(), sample("v41-single.pcap").toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals(54, Files.readAllLines(out).stream().filter(l -> !l.isBlank()).count());
    }
}
