package org.nfslockscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page template: hostile names and messages stay data, never markup. */
class HtmlTimelineTest {
    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void scriptEndInTitleOrDataCannotCloseTheDataBlock() throws Exception {
        String hostile = "x</script><script>alert(1)</script><!--";
        String json = new ObjectMapper().writeValueAsString(Map.of("message", hostile, "line", "a\u2028b"));
        String page = HtmlTimeline.page(hostile, json);
        String plain = HtmlTimeline.page("plain", "{}");
        assertEquals(count(plain, "</script>"), count(page, "</script>"), "a </script> got through");
        assertEquals(count(plain, "<script"), count(page, "<script"), "a <script got through");
        assertFalse(page.contains("<!--"));
        assertTrue(page.contains("x&lt;/script&gt;"), "title not escaped");
        int start = page.indexOf("id=\"data\">") + "id=\"data\">".length();
        String embedded = page.substring(start, page.indexOf("</script>", start));
        assertEquals(hostile, new ObjectMapper().readTree(embedded).get("message").asText());
        assertEquals("a\u2028b", new ObjectMapper().readTree(embedded).get("line").asText());
    }

    @Test
    void hostsOfEndpoints() {
        assertEquals("10.0.0.1", HtmlTimeline.hostOf("10.0.0.1:2049"));
        assertEquals("fe80::1", HtmlTimeline.hostOf("[fe80::1]:2049"));
        assertEquals("fe80::1", HtmlTimeline.hostOf("fe80::1"));
        assertEquals("server", HtmlTimeline.hostOf("server"));
    }
}
