package org.nfslockscope.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FindingCatalogTest {

    @Test
    void markdownHasOneSectionPerTypeInCatalogOrder() {
        String md = FindingCatalog.markdown();
        assertEquals(FindingType.values().length, md.split("\n## ", -1).length - 1);
        int last = -1;
        for (FindingType type : FindingType.values()) {
            int at = md.indexOf("\n## " + type.id() + " — " + type.title() + "\n");
            assertTrue(at > last, type.id() + " missing or out of order");
            last = at;
        }
    }

    @Test
    void markdownCarriesTheTexts() {
        String md = FindingCatalog.markdown();
        FindingType t = FindingType.X_DOUBLE_GRANT;
        assertTrue(md.contains("## X-DOUBLE-GRANT — conflicting lock granted while another owner holds it\n\n"
                + "* **Default severity**: error\n"
                + "* **Meaning**: " + t.explanation() + "\n"
                + "* **Action**: " + t.action() + "\n"
                + "* **Reference**: RFC 7530 §9.2\n"));
    }
}
