package org.nfslockscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.testing.TestCaptures;

/**
 * Opens the {@code analyze --format html} page in headless chromium: it must load without a
 * script error or console message, show what the capture shows, and draw its lanes.
 */
class HtmlTimelineBrowserTest {

    @BeforeAll
    static void needsChromium() {
        Chromium.assumeInstalled();
    }

    private static Path page(Path dir, Path capture, String name) {
        Path html = dir.resolve(name);
        CliRun r = CliRun.of("analyze", "--format", "html", "-o", html.toString(), capture.toString());
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        assertTrue(Files.exists(html), "no page written: " + r.err());
        return html;
    }

    /** The page ran its script to the end and reported no error anywhere. */
    private static void loadedCleanly(Chromium.Run run) {
        String dom = run.out();
        assertTrue(dom.contains("data-rendered=\"true\""), "the page script did not finish:\n" + head(dom));
        assertTrue(Pattern.compile("<div id=\"errors\" hidden=\"\">\\s*</div>").matcher(dom).find(),
                "the page caught a script error: " + between(dom, "<div id=\"errors\"", "</div>"));
        List<String> console = run.consoleLines();
        assertTrue(console.isEmpty(), "console messages: " + console);
        assertTrue(run.log().lines().noneMatch(l -> l.contains("Uncaught")), "uncaught error in the log");
    }

    @Test
    void restartCaptureShowsRestartGraceReclaimAndLateReclaim(@TempDir Path dir) throws Exception {
        Path capture = TestCaptures.sharedCapture("v40-server-restart-grace.pcap");
        assumeTrue(capture != null && Files.exists(capture), "../shared/captures is not here");
        Path html = page(dir, capture, "v40.html");
        Chromium.Run run = Chromium.dumpDom(html, dir);
        loadedCleanly(run);
        String dom = run.out();
        // README: the stale-clientid reply in 86 proves the restart, grace ends before 173/174,
        // the reclaim at 108/109 is granted and the reclaim after grace at 180/181 refused.
        assertTrue(item(dom, "restart").contains("restarted (epoch 1): frame 86"), item(dom, "restart"));
        assertTrue(item(dom, "grace").contains("from frame 86") && item(dom, "grace").contains("to frame 174"),
                item(dom, "grace"));
        assertTrue(item(dom, "reclaim").startsWith("Reclaim in frame 109") && item(dom, "reclaim").contains("granted"),
                item(dom, "reclaim"));
        assertTrue(item(dom, "late-reclaim").startsWith("Late reclaim in frame 181")
                && item(dom, "late-reclaim").contains("refused"), item(dom, "late-reclaim"));
        assertTrue(dom.contains("data-id=\"V4-RECLAIM-OUTSIDE-GRACE\""), "finding row missing");
        assertTrue(drawn(dom) >= 2, "bars drawn: " + drawn(dom));

        Path png = dir.resolve("v40.png");
        loadedCleanlyLog(Chromium.screenshot(html, dir, png, 1400, 900));
        BufferedImage img = ImageIO.read(png.toFile());
        // WRITE holds are drawn in #d64541; the legend swatch alone has 140 such pixels.
        int bars = countNear(img, 0xd6, 0x45, 0x41);
        assertTrue(bars > 2_000, "the lanes look blank: " + bars + " pixels of WRITE bars");
        // The grace window tints the lanes.
        assertTrue(countGrace(img) > 5_000, "no grace window drawn");
    }

    /**
     * Hover and zoom, driven by a script appended to a copy of the page: it moves the pointer along
     * the first owner's row until a tooltip shows, then presses "+", and writes what it saw into
     * the DOM.
     */
    @Test
    void hoverShowsHoldDetailsAndZoomNarrowsTheView(@TempDir Path dir) throws Exception {
        Path capture = TestCaptures.sharedCapture("v40-server-restart-grace.pcap");
        assumeTrue(capture != null && Files.exists(capture), "../shared/captures is not here");
        String page = Files.readString(page(dir, capture, "v40.html"));
        String probe = "<script>(function () {\n"
                + "  var c = document.getElementById('chart'), r = c.getBoundingClientRect(), tip = document.getElementById('tip');\n"
                + "  var found = '';\n"
                + "  for (var px = 285; px < r.width && !found; px += 4) {\n"
                + "    c.dispatchEvent(new PointerEvent('pointermove', {clientX: r.left + px, clientY: r.top + 56, bubbles: true}));\n"
                + "    if (!tip.hidden) { found = tip.textContent; }\n"
                + "  }\n"
                + "  var before = document.getElementById('view').textContent;\n"
                + "  document.getElementById('zoom-in').click();\n"
                + "  var out = document.createElement('pre'); out.id = 'probe';\n"
                + "  out.textContent = found + '\\n--\\n' + before + '\\n--\\n' + document.getElementById('view').textContent;\n"
                + "  document.body.appendChild(out);\n"
                + "})();</script>";
        Path probed = dir.resolve("probed.html");
        Files.writeString(probed, page.replace("</body>", probe + "</body>"));
        Chromium.Run run = Chromium.dumpDom(probed, dir);
        loadedCleanly(run);
        String seen = between(run.out(), "<pre id=\"probe\">", "</pre>");
        String[] parts = seen.split("\n--\n");
        assertEquals(3, parts.length, seen);
        assertTrue(parts[0].contains("WRITE hold of 0x43") && parts[0].contains("frames 50 to 86")
                && parts[0].contains("lost at the server restart"), "tooltip: " + parts[0]);
        assertTrue(parts[2].contains("(12.8") || parts[2].contains("(12.9"), "after zooming in: " + parts[2]
                + " (before: " + parts[1] + ")");
    }

    @Test
    void hourLongCaptureWithThousandsOfLocksLoads(@TempDir Path dir) throws Exception {
        Path capture = BusyNlmCapture.write(dir.resolve("busy.pcap"), 4_000, 300, 40);
        Path html = page(dir, capture, "busy.html");
        Chromium.Run run = Chromium.dumpDom(html, dir);
        loadedCleanly(run);
        String dom = run.out();
        assertTrue(dom.contains("300 file(s), 4000 hold(s)"), between(dom, "<div id=\"summary\">", "</div>"));
        assertTrue(dom.contains("800 denial(s)"), between(dom, "<div id=\"summary\">", "</div>"));
        // Only the lanes in view are drawn: some, never all 4000 holds at once.
        assertTrue(drawn(dom) > 20 && drawn(dom) < 4_000, "bars drawn: " + drawn(dom));
        Path png = dir.resolve("busy.png");
        loadedCleanlyLog(Chromium.screenshot(html, dir, png, 1400, 900));
        assertTrue(countNear(ImageIO.read(png.toFile()), 0xd6, 0x45, 0x41) > 1_000, "the lanes look blank");
    }

    private static void loadedCleanlyLog(Chromium.Run run) {
        assertEquals(List.of(), run.consoleLines());
    }

    private static String item(String dom, String kind) {
        Matcher m = Pattern.compile("<li data-kind=\"" + kind + "\">([^<]*)</li>").matcher(dom);
        return m.find() ? m.group(1) : "(no " + kind + " item)";
    }

    private static int drawn(String dom) {
        Matcher m = Pattern.compile("data-drawn=\"(\\d+)\"").matcher(dom);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static int countNear(BufferedImage img, int r, int g, int b) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - r) <= 6 && Math.abs(((p >> 8) & 0xff) - g) <= 6
                        && Math.abs((p & 0xff) - b) <= 6) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Yellowish pixels: the grace tint over white or grey lane backgrounds. */
    private static int countGrace(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                if (r > 230 && g > 220 && b < 215 && r - b > 30) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        if (a < 0) {
            return "(" + from + " not found)";
        }
        int b = s.indexOf(to, a);
        return b < 0 ? s.substring(a) : s.substring(a, b);
    }

    private static String head(String s) {
        return s.length() > 2_000 ? s.substring(0, 2_000) : s;
    }
}
