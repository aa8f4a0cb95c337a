package org.nfslockscope.report;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.lockview.ByteRange;

/** Captures with findings made by hand, the way the lock view will report them. */
public final class ReportFixtures {
    /** A message a capture could put into a finding: markup, quotes, CDATA end, control bytes, a lone surrogate. */
    public static final String HOSTILE = "owner \"<bob>\" & 'alice' ]]> sent \u0007\u0000 then \uD800 end";

    private ReportFixtures() {
    }

    public static Finding seqidGap() {
        return Finding.builder(FindingType.V40_SEQID_GAP, 123, 1_700_000_000_123_000_000L,
                        "client 10.0.0.1:871 used seqid 7 for owner 0x01 after 5")
                .evidence(100).client("10.0.0.1:871").server("10.0.0.2:2049").build();
    }

    public static Finding doubleGrant() {
        return Finding.builder(FindingType.X_DOUBLE_GRANT, 200, 1_700_000_001_000_000_000L,
                        "server granted WRITE 0-EOF to owner B while owner A held it")
                .evidence(150, 180).file("0xabcd").range(ByteRange.WHOLE_FILE).build();
    }

    public static Finding hostile() {
        return Finding.builder(FindingType.V41_FALSE_RETRY, 300, 1_700_000_002_000_000_000L, HOSTILE).build();
    }

    /** A capture where every rule was checked, with an error, a warning and a hostile error. */
    public static CaptureResult withFindings(Path capture) {
        return CaptureResult.read(capture, "pcapng", 400, List.of(seqidGap(), doubleGrant(), hostile()),
                EnumSet.allOf(FindingType.class), 1,
                List.of(new Diagnostic(42, Diagnostic.Stage.TCP, "lost 1448 bytes <gap>")));
    }

    public static CaptureResult clean(Path capture) {
        return CaptureResult.read(capture, "pcap", 82, List.of(), EnumSet.allOf(FindingType.class), 0, List.of());
    }
}
