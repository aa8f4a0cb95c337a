package org.nfslockscope.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class FindingTypeTest {

    private static final Pattern ID = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)+");
    private static final Pattern REFERENCE = Pattern.compile("(RFC \\d{4} §\\d+(\\.\\d+)*|XNFS \\(Open Group C702\\) N[LS]M)(; .+)?");

    /** Every id of the catalog headings and of the follow-ups named in rule texts. */
    private static final List<String> CATALOG = List.of(
            "CAP-GAP", "RPC-GSS-PRIVACY", "RPC-ORPHAN-REPLY", "RPC-NO-REPLY", "RPC-XID-REUSE",
            "RPC-REPLY-MISMATCH", "RPC-AUTH-FAIL", "V40-SEQID-GAP", "V40-SEQID-REPLAY-MISMATCH",
            "V40-OWNER-REPLAY", "V40-REPLAY-REPLY-DIFFERS", "V40-BAD-SEQID", "V40-OWNER-CONCURRENT",
            "V40-OPEN-UNCONFIRMED", "V41-SLOT-MISORDER", "V41-FALSE-RETRY", "V41-UNCACHED-RETRY",
            "V41-STATE-REVOKED", "V41-BADSESSION", "V41-NO-RECLAIM-COMPLETE", "V4-STALE-USE",
            "V4-OLD-STATEID", "V4-BAD-STATEID", "V4-STATEID-AFTER-RELEASE", "V4-IO-UNLOCKED-RANGE",
            "X-DOUBLE-GRANT", "V4-GRANT-OVER-EXPIRED", "V4-GRACE-NONRECLAIM-GRANTED",
            "NLM-GRACE-NONRECLAIM-GRANTED", "V4-RECLAIM-OUTSIDE-GRACE", "NLM-RECLAIM-OUTSIDE-GRACE",
            "V4-RECLAIM-UNHELD", "NLM-RECLAIM-UNHELD", "V4-RECLAIM-REFUSED", "V4-GRACE-DENIED",
            "NLM-GRACE-DENIED", "V4-LEASE-LAPSE", "V4-EXPIRED-USE", "V4-EXPIRED-STOLEN",
            "V4-LAPSE-SURVIVED", "NLM-BLOCKED-STALLED", "NLM-GRANTED-UNACKED", "NLM-GRANTED-AFTER-CANCEL",
            "NLM-GRANTED-UNKNOWN", "NLM-MSG-RES-UNMATCHED", "NSM-NOTIFY-EVEN", "NSM-STATE-REGRESS",
            "NSM-REBOOT-LOCKS-DROPPED", "NLM-DUP-CALLER", "NLM-REBOOT-NO-RECLAIM", "X-WAITS-FOR",
            "X-DEADLOCK", "X-MIXED-PROTOCOL", "X-HELD-AT-END", "X-SERVER-RESTART", "V4-OP-ERROR");

    @Test
    void idsAreUniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (FindingType type : FindingType.values()) {
            assertTrue(ID.matcher(type.id()).matches(), type.id());
            assertTrue(seen.add(type.id()), "duplicate id " + type.id());
        }
    }

    @Test
    void catalogIsCompleteAndHasNothingElse() {
        assertEquals(Set.copyOf(CATALOG), Set.copyOf(FindingType.ids()));
        assertEquals(CATALOG.size(), FindingType.values().length);
    }

    @Test
    void everyTypeHasAllTexts() {
        for (FindingType type : FindingType.values()) {
            assertFalse(type.title().isBlank(), type.id());
            assertFalse(type.explanation().isBlank(), type.id());
            assertFalse(type.action().isBlank(), type.id());
            assertTrue(REFERENCE.matcher(type.reference()).matches(), type.id() + ": " + type.reference());
            assertTrue(type.explanation().endsWith("."), type.id() + " explanation is a sentence");
            assertTrue(type.action().endsWith("."), type.id() + " action is a sentence");
            assertTrue(type.defaultSeverity() != null, type.id());
        }
    }

    @Test
    void defaultSeveritiesFollowTheCatalogHeadings() {
        assertEquals(Severity.WARNING, FindingType.V40_SEQID_GAP.defaultSeverity());
        assertEquals(Severity.ERROR, FindingType.X_DOUBLE_GRANT.defaultSeverity());
        assertEquals(Severity.ERROR, FindingType.X_DEADLOCK.defaultSeverity());
        assertEquals(Severity.INFO, FindingType.CAP_GAP.defaultSeverity());
        assertEquals(Severity.INFO, FindingType.V41_BADSESSION.defaultSeverity());
        assertEquals(Severity.ERROR, FindingType.NLM_DUP_CALLER.defaultSeverity());
        assertEquals(Severity.WARNING, FindingType.V4_GRANT_OVER_EXPIRED.defaultSeverity());
    }

    @Test
    void lookupById() {
        assertEquals(FindingType.V40_SEQID_GAP, FindingType.byId("V40-SEQID-GAP").orElseThrow());
        assertEquals("V40-SEQID-GAP", FindingType.V40_SEQID_GAP.id());
        assertEquals("RFC 7530 §9.1.3", FindingType.V40_SEQID_GAP.reference());
        assertTrue(FindingType.byId("V40_SEQID_GAP").isEmpty());
        assertTrue(FindingType.byId("NOPE").isEmpty());
    }
}
