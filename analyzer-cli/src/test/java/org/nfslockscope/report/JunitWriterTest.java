package org.nfslockscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitWriterTest {
    private static final int RULES = FindingType.values().length;

    private static byte[] write(CheckPolicy policy, List<CaptureResult> results) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JunitWriter(policy, "9.9.9").write(results, out);
        byte[] xml = out.toByteArray();
        Schemas.assertValidJunit(xml);
        return xml;
    }

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** The testcase named {@code id} in the suite of {@code capture}. */
    private static Element testcase(Document doc, String capture, String id) {
        NodeList suites = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            if (suite.getAttribute("name").equals(capture)) {
                NodeList cases = suite.getElementsByTagName("testcase");
                for (int j = 0; j < cases.getLength(); j++) {
                    Element c = (Element) cases.item(j);
                    if (c.getAttribute("name").equals(id)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no testcase " + id + " for " + capture);
    }

    private static Element child(Element e, String name) {
        NodeList l = e.getElementsByTagName(name);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    @Test
    void oneSuitePerCaptureAndOneCasePerCatalogId() throws Exception {
        Document doc = parse(write(CheckPolicy.defaults(),
                List.of(ReportFixtures.withFindings(Path.of("a.pcapng")), ReportFixtures.clean(Path.of("b.pcap")))));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals(2, doc.getElementsByTagName("testsuite").getLength());
        assertEquals(2 * RULES, doc.getElementsByTagName("testcase").getLength());
        assertEquals(String.valueOf(2 * RULES), root.getAttribute("tests"));
        // X-DOUBLE-GRANT and V41-FALSE-RETRY are errors; V40-SEQID-GAP is only a warning.
        assertEquals("2", root.getAttribute("failures"));
        Element a = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("a.pcapng", a.getAttribute("name"));
        assertEquals("2", a.getAttribute("failures"));
        assertEquals("0", a.getAttribute("skipped"));
        assertTrue(new String(write(CheckPolicy.defaults(), List.of(ReportFixtures.clean(Path.of("b.pcap")))),
                StandardCharsets.UTF_8).contains("name=\"nfslockscope.version\" value=\"9.9.9\""));
    }

    @Test
    void failureListsEveryFailingFindingWithItsFrames() throws Exception {
        Document doc = parse(write(CheckPolicy.defaults(), List.of(ReportFixtures.withFindings(Path.of("a.pcapng")))));
        Element failure = child(testcase(doc, "a.pcapng", "X-DOUBLE-GRANT"), "failure");
        assertNotNull(failure);
        assertEquals("X-DOUBLE-GRANT", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").startsWith("1 finding at or above error"), failure.getAttribute("message"));
        String body = failure.getTextContent();
        assertTrue(body.contains("frame 200 (evidence frames 150, 180, 200)"), body);
        assertTrue(body.contains("owner B while owner A held it"), body);
        assertTrue(body.contains("RFC 7530 §9.2"), body);
        // Below --fail-on: passes, but the finding is still shown.
        Element gap = testcase(doc, "a.pcapng", "V40-SEQID-GAP");
        assertNull(child(gap, "failure"));
        assertTrue(child(gap, "system-out").getTextContent().contains("frame 123 (evidence frames 100, 123) warning"));
        // No finding: passes, nothing inside.
        assertFalse(testcase(doc, "a.pcapng", "X-DEADLOCK").hasChildNodes());
    }

    @Test
    void failOnWarningFailsTheWarningToo() throws Exception {
        Document doc = parse(write(new CheckPolicy(Severity.WARNING, Set.of()),
                List.of(ReportFixtures.withFindings(Path.of("a.pcapng")))));
        assertNotNull(child(testcase(doc, "a.pcapng", "V40-SEQID-GAP"), "failure"));
        assertEquals("3", doc.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void ignoredAndUncheckedRulesAreSkippedNotPassed() throws Exception {
        CaptureResult partial = CaptureResult.read(Path.of("c.pcap"), "pcap", 5, List.of(ReportFixtures.doubleGrant()),
                Set.of(FindingType.X_DEADLOCK), 0, List.of());
        Document doc = parse(write(new CheckPolicy(Severity.ERROR, Set.of(FindingType.X_DOUBLE_GRANT)), List.of(partial)));
        Element ignored = child(testcase(doc, "c.pcap", "X-DOUBLE-GRANT"), "skipped");
        assertTrue(ignored.getAttribute("message").contains("--ignore"), ignored.getAttribute("message"));
        assertNull(child(testcase(doc, "c.pcap", "X-DEADLOCK"), "skipped"), "checked, no finding: passed");
        assertTrue(child(testcase(doc, "c.pcap", "V41-BADSESSION"), "skipped").getAttribute("message").contains("not checked"));
        assertEquals(String.valueOf(RULES - 1), doc.getDocumentElement().getAttribute("skipped"));
        assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void unreadableCaptureIsAnError() throws Exception {
        Document doc = parse(write(CheckPolicy.defaults(),
                List.of(CaptureResult.unreadable(Path.of("x.pcap"), "x.pcap: not a pcap or pcapng file"))));
        Element error = child(testcase(doc, "x.pcap", "read capture"), "error");
        assertEquals("x.pcap: not a pcap or pcapng file", error.getAttribute("message"));
        assertEquals("1", doc.getDocumentElement().getAttribute("errors"));
        assertEquals("1", doc.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void hostileTextIsEscapedAndControlCharactersMadeVisible() throws Exception {
        Path odd = Path.of("dir \"<&>\"/cap\u0001.pcap");
        byte[] xml = write(CheckPolicy.defaults(), List.of(ReportFixtures.withFindings(odd)));
        Document doc = parse(xml);
        String suite = "dir \"<&>\"/cap\\u0001.pcap";
        assertEquals(suite, doc.getDocumentElement().getElementsByTagName("testsuite").item(0)
                .getAttributes().getNamedItem("name").getNodeValue());
        String body = child(testcase(doc, suite, "V41-FALSE-RETRY"), "failure").getTextContent();
        assertTrue(body.contains("owner \"<bob>\" & 'alice' ]]> sent \\u0007\\u0000 then \\ud800 end"), body);
        String diagnostics = doc.getElementsByTagName("system-err").item(0).getTextContent();
        assertTrue(diagnostics.contains("lost 1448 bytes <gap>"), diagnostics);
    }

    @Test
    void emptyRunIsValid() throws Exception {
        Document doc = parse(write(CheckPolicy.defaults(), List.of()));
        assertEquals("0", doc.getDocumentElement().getAttribute("tests"));
    }
}
