package org.nfslockscope.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;

/**
 * Writes a {@code check} run as JUnit XML in the common Ant/Surefire "testsuites" shape that
 * Jenkins, GitLab and most CI dashboards read (src/test/resources/junit.xsd says which part).
 *
 * <p>One {@code <testsuite>} per capture, named by the capture path as given. In it, one
 * {@code <testcase>} per catalog id, so that a dashboard shows the rules that passed too, not
 * only the failures:
 * <ul>
 *   <li>failed ({@code <failure message type=ID>}) when findings with that id at or above
 *       {@code --fail-on} exist; the body lists each of them with its frames and message;</li>
 *   <li>passed otherwise; findings below {@code --fail-on} are listed in its {@code <system-out>};</li>
 *   <li>skipped when the id was ignored with {@code --ignore}, or when the analyzer did not
 *       check that rule on this capture (a report must not claim checks that did not run).</li>
 * </ul>
 * An unreadable capture gets one testcase "read capture" with an {@code <error>} instead.
 * Times are left out: rules are not timed one by one, and the output stays reproducible.
 */
public final class JunitWriter {
    private static final String UNREADABLE_CASE = "read capture";

    private final CheckPolicy policy;
    private final String toolVersion;

    public JunitWriter(CheckPolicy policy, String toolVersion) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    }

    private enum Outcome { PASSED, FAILED, SKIPPED, ERROR }

    /** One testcase before it is written; the suite's counters must be known first. */
    private record Case(String name, Outcome outcome, String message, String body, String out) {
    }

    /** Writes the whole document, UTF-8; does not close {@code out}. */
    public void write(List<CaptureResult> results, OutputStream out) throws IOException {
        List<List<Case>> suites = results.stream().map(this::cases).toList();
        List<Case> all = suites.stream().flatMap(List::stream).toList();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "nfslockscope check");
            counters(x, all);
            for (int i = 0; i < results.size(); i++) {
                suite(x, results.get(i), suites.get(i));
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private List<Case> cases(CaptureResult r) {
        if (!r.readable()) {
            return List.of(new Case(UNREADABLE_CASE, Outcome.ERROR, r.error(), r.error(), null));
        }
        List<Case> cases = new ArrayList<>();
        for (FindingType type : FindingType.values()) {
            cases.add(testcase(r, type));
        }
        return cases;
    }

    private Case testcase(CaptureResult r, FindingType type) {
        if (policy.ignores(type)) {
            return new Case(type.id(), Outcome.SKIPPED, "ignored with --ignore " + type.id(), null, null);
        }
        if (!r.checked().contains(type)) {
            return new Case(type.id(), Outcome.SKIPPED, "not checked by this version of nfslockscope", null, null);
        }
        List<Finding> found = r.findingsOf(type);
        List<Finding> failing = found.stream().filter(policy::fails).toList();
        List<Finding> below = found.stream().filter(f -> !policy.fails(f)).toList();
        String out = below.isEmpty() ? null : lines(below);
        if (failing.isEmpty()) {
            return new Case(type.id(), Outcome.PASSED, null, null, out);
        }
        String message = failing.size() + (failing.size() == 1 ? " finding" : " findings") + " at or above "
                + policy.failOn().jsonName() + ": " + type.title();
        return new Case(type.id(), Outcome.FAILED, message, lines(failing), out);
    }

    private static String lines(List<Finding> findings) {
        return findings.stream().map(FindingText::line).collect(Collectors.joining("\n", "", "\n"));
    }

    private void suite(XMLStreamWriter x, CaptureResult r, List<Case> cases) throws XMLStreamException {
        String name = XmlText.clean(r.capture().toString());
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        counters(x, cases);
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "nfslockscope.version", toolVersion);
        property(x, "nfslockscope.failOn", policy.failOn().jsonName());
        if (r.readable()) {
            property(x, "capture.format", r.format());
            property(x, "capture.frames", Long.toString(r.frames()));
            property(x, "capture.diagnostics", Long.toString(r.diagnosticCount()));
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (Case c : cases) {
            testcase(x, name, c);
        }
        if (!r.diagnostics().isEmpty()) {
            x.writeCharacters("\n    ");
            x.writeStartElement("system-err");
            x.writeCharacters(XmlText.clean(r.diagnostics().stream().map(Object::toString)
                    .collect(Collectors.joining("\n", "\n", "\n"))));
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void testcase(XMLStreamWriter x, String classname, Case c) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", c.name());
        x.writeAttribute("classname", classname);
        switch (c.outcome()) {
            case FAILED -> detail(x, "failure", c);
            case ERROR -> detail(x, "error", c);
            case SKIPPED -> {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", XmlText.clean(c.message()));
            }
            case PASSED -> { }
        }
        if (c.out() != null) {
            x.writeStartElement("system-out");
            x.writeCharacters(XmlText.clean(c.out()));
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void detail(XMLStreamWriter x, String element, Case c) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeAttribute("message", XmlText.clean(c.message()));
        x.writeAttribute("type", c.outcome() == Outcome.ERROR ? "unreadable capture" : c.name());
        x.writeCharacters(XmlText.clean(c.body()));
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", XmlText.clean(value));
    }

    private static void counters(XMLStreamWriter x, List<Case> cases) throws XMLStreamException {
        x.writeAttribute("tests", Integer.toString(cases.size()));
        x.writeAttribute("failures", count(cases, Outcome.FAILED));
        x.writeAttribute("errors", count(cases, Outcome.ERROR));
        x.writeAttribute("skipped", count(cases, Outcome.SKIPPED));
    }

    private static String count(List<Case> cases, Outcome outcome) {
        return Long.toString(cases.stream().filter(c -> c.outcome() == outcome).count());
    }
}
