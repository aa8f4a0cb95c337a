package org.nfslockscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;

/**
 * Writes a {@code check} run as one SARIF 2.1.0 log with one run.
 *
 * <ul>
 *   <li>{@code tool.driver.rules}: every catalog entry, whether or not it fired, so that viewers
 *       can show the help of any id: shortDescription = title, fullDescription = explanation,
 *       help.text = action and reference, defaultConfiguration.level from the default severity
 *       (error→error, warning→warning, info→note), properties.tags = the rule's family.</li>
 *   <li>{@code artifacts}: the captures, in command-line order, with format, frames and
 *       diagnostics in their property bag.</li>
 *   <li>{@code results}: one per finding not dropped by {@code --ignore}, whatever its severity
 *       (viewers filter by level; {@code --fail-on} only decides the exit code).</li>
 * </ul>
 *
 * <p>Where a finding is: SARIF regions address text (lines, columns) or bytes of the artifact;
 * a Wireshark frame number is neither, and putting it in {@code region.startLine} would be
 * schema-valid but false. So {@code locations[0].physicalLocation.artifactLocation} names the
 * capture, {@code locations[0].logicalLocations[0]} names the frame ("frame 123", kind "frame"),
 * and the result's property bag holds {@code frame}, {@code frames} and the other fields of the
 * JSON finding (time, client, server, owner, file, range).
 *
 * <p>Unreadable captures and the first diagnostics of readable ones become
 * {@code invocations[0].toolExecutionNotifications}; executionSuccessful is false if any
 * capture could not be read.
 */
public final class SarifWriter {
    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** Diagnostics per capture passed on as notifications; the rest are only counted. */
    static final int NOTIFIED_DIAGNOSTICS = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final CheckPolicy policy;
    private final String toolVersion;
    private final String informationUri;

    /** @param informationUri the project's home page, or null to leave it out */
    public SarifWriter(CheckPolicy policy, String toolVersion, String informationUri) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.informationUri = informationUri;
    }

    /** Writes the log, UTF-8; does not close {@code out}. */
    public void write(List<CaptureResult> results, OutputStream out) throws IOException {
        // Through a Writer: a lone surrogate in a message then becomes '?' instead of an exception.
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        JSON.writeValue(w, log(results));
        w.write('\n');
        w.flush();
    }

    /** The log as a tree, for tests and for writing. */
    public ObjectNode log(List<CaptureResult> results) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        run.putObject("tool").set("driver", driver());
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", results.stream().allMatch(CaptureResult::readable));
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        ArrayNode artifacts = run.putArray("artifacts");
        ArrayNode sarifResults = run.putArray("results");
        for (int i = 0; i < results.size(); i++) {
            CaptureResult r = results.get(i);
            artifacts.add(artifact(r));
            notify(notifications, r, i);
            for (Finding f : policy.reported(r)) {
                sarifResults.add(result(f, r, i));
            }
        }
        if (notifications.isEmpty()) {
            invocation.remove("toolExecutionNotifications");
        }
        return log;
    }

    private ObjectNode driver() {
        ObjectNode driver = JSON.createObjectNode();
        driver.put("name", "nfslockscope");
        driver.put("version", toolVersion);
        if (informationUri != null) {
            driver.put("informationUri", informationUri);
        }
        ArrayNode rules = driver.putArray("rules");
        for (FindingType t : FindingType.values()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", t.id());
            rule.put("name", ruleName(t));
            rule.putObject("shortDescription").put("text", t.title());
            rule.putObject("fullDescription").put("text", t.explanation());
            rule.putObject("help").put("text", t.action() + "\nReference: " + t.reference());
            rule.putObject("defaultConfiguration").put("level", level(t.defaultSeverity()));
            rule.putObject("properties").putArray("tags").add(RuleFamily.of(t).title());
        }
        return driver;
    }

    private ObjectNode artifact(CaptureResult r) {
        ObjectNode artifact = JSON.createObjectNode();
        artifact.putObject("location").put("uri", uri(r.capture()));
        if (r.readable()) {
            ObjectNode p = artifact.putObject("properties");
            p.put("format", r.format());
            p.put("frames", r.frames());
            p.put("diagnostics", r.diagnosticCount());
        }
        return artifact;
    }

    private static void notify(ArrayNode notifications, CaptureResult r, int artifactIndex) {
        if (!r.readable()) {
            notification(notifications, "error", r.error(), r, artifactIndex);
            return;
        }
        r.diagnostics().stream().limit(NOTIFIED_DIAGNOSTICS)
                .forEach(d -> notification(notifications, "warning", d.toString(), r, artifactIndex));
    }

    private static void notification(ArrayNode notifications, String level, String text, CaptureResult r,
                                     int artifactIndex) {
        ObjectNode n = notifications.addObject();
        n.put("level", level);
        n.putObject("message").put("text", text);
        n.putArray("locations").addObject().set("physicalLocation", physical(r, artifactIndex));
    }

    private ObjectNode result(Finding f, CaptureResult r, int artifactIndex) {
        ObjectNode result = JSON.createObjectNode();
        result.put("ruleId", f.id());
        result.put("ruleIndex", f.type().ordinal());
        result.put("level", level(f.severity()));
        result.putObject("message").put("text", f.message());
        ObjectNode location = result.putArray("locations").addObject();
        location.set("physicalLocation", physical(r, artifactIndex));
        ObjectNode frame = location.putArray("logicalLocations").addObject();
        frame.put("name", "frame " + f.frame());
        frame.put("kind", "frame");
        ObjectNode properties = result.putObject("properties");
        for (Map.Entry<String, Object> e : f.toJson().entrySet()) {
            if (!List.of("id", "severity", "message").contains(e.getKey())) {
                properties.set(e.getKey(), JSON.valueToTree(e.getValue()));
            }
        }
        return result;
    }

    private static ObjectNode physical(CaptureResult r, int artifactIndex) {
        ObjectNode physical = JSON.createObjectNode();
        physical.putObject("artifactLocation").put("uri", uri(r.capture())).put("index", artifactIndex);
        return physical;
    }

    /** SARIF's three levels; "note" is its name for information. */
    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** "V40-SEQID-GAP" → "V40SeqidGap": SARIF wants a readable name beside the opaque id. */
    static String ruleName(FindingType t) {
        StringBuilder name = new StringBuilder();
        for (String word : t.id().split("-")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /**
     * The capture as a URI reference: absolute paths become file: URIs, relative ones stay
     * relative (to the working directory, as typed), with '/' separators and percent-escapes.
     */
    static String uri(Path capture) {
        if (capture.isAbsolute()) {
            return capture.toUri().toString();
        }
        String path = capture.toString().replace(File.separatorChar, '/');
        if (path.split("/", 2)[0].contains(":")) {
            path = "./" + path;  // else "c:x" would read as a URI with scheme "c"
        }
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot express " + capture + " as a URI", e);
        }
    }
}
