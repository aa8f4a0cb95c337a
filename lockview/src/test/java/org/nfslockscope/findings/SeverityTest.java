package org.nfslockscope.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void jsonNamesAreLowerCase() {
        assertEquals("info", Severity.INFO.jsonName());
        assertEquals("warning", Severity.WARNING.jsonName());
        assertEquals("error", Severity.ERROR.jsonName());
        assertEquals("error", Severity.ERROR.toString());
    }

    @Test
    void parsesNamesCaseInsensitively() {
        assertEquals(Severity.WARNING, Severity.fromJsonName("warning"));
        assertEquals(Severity.ERROR, Severity.fromJsonName(" ERROR "));
        assertThrows(IllegalArgumentException.class, () -> Severity.fromJsonName("fatal"));
    }

    @Test
    void failOnThresholdOrdering() {
        assertTrue(Severity.ERROR.atLeast(Severity.WARNING));
        assertTrue(Severity.WARNING.atLeast(Severity.WARNING));
        assertFalse(Severity.INFO.atLeast(Severity.WARNING));
        assertTrue(Severity.INFO.atLeast(Severity.INFO));
    }

    @Test
    void stepsUpAndDownStopAtTheEnds() {
        assertEquals(Severity.WARNING, Severity.ERROR.lower());
        assertEquals(Severity.INFO, Severity.WARNING.lower());
        assertEquals(Severity.INFO, Severity.INFO.lower());
        assertEquals(Severity.WARNING, Severity.INFO.higher());
        assertEquals(Severity.ERROR, Severity.ERROR.higher());
    }
}
