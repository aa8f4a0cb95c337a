package org.nfslockscope.report;

/**
 * Makes any string storable in XML 1.0. StAX escapes markup ({@code < & " >}) but writes
 * control characters and lone surrogates as they are, which makes the whole document
 * unparsable; finding messages can quote bytes from a capture, so they may contain both.
 */
final class XmlText {
    private XmlText() {
    }

    /** {@code s} with every character XML 1.0 forbids written as a visible {@code \\uXXXX}. */
    static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!allowed(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(String.format("\\u%04x", cp));
            } else if (out != null) {
                out.append(s, i, next);
            }
            i = next;
        }
        return out == null ? s : out.toString();
    }

    /** The Char production of XML 1.0 (§2.2). A lone surrogate arrives here as itself and fails. */
    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
