package org.nfslockscope.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** --color, --no-color, --progress: how a command talks to the person at the terminal. */
final class DisplayOptions {
    enum When { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", arity = "0..1", fallbackValue = "always", defaultValue = "auto",
            description = "auto (default): colour when standard output is a terminal and NO_COLOR is not set;"
                    + " always (also plain --color); never")
    When color = When.auto;

    @Option(names = "--no-color", description = "no colour (as --color=never)")
    boolean noColor;

    @Option(names = "--progress", negatable = true,
            description = "progress bar on standard error (bytes, MB/s, time left); by default only when"
                    + " standard error is a terminal")
    Boolean progress;

    /** Colour for text that goes to {@code toFile} (null: standard output). */
    Style style(Object toFile) {
        return Style.of(colour(color, noColor, System.getenv(), toFile == null && Terminal.stdoutIsTerminal()));
    }

    /**
     * NO_COLOR (https://no-color.org) set to anything but the empty string turns automatic colour
     * off; an explicit --color=always still wins, as the convention asks.
     */
    static boolean colour(When when, boolean noColor, Map<String, String> env, boolean terminal) {
        if (noColor || when == When.never) {
            return false;
        }
        if (when == When.always) {
            return true;
        }
        String no = env.get("NO_COLOR");
        return terminal && (no == null || no.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    /** For commands that write their report after the pass: the bar is alone on the terminal meanwhile. */
    CaptureInput.Control control(Interrupt interrupt) {
        return new CaptureInput.Control(progress != null ? progress : Terminal.stderrIsTerminal(), System.err,
                interrupt);
    }

    /**
     * For commands that print while they read (dump): a bar redrawn between the lines of a
     * terminal would garble them, so by default only when the lines go to a file or a pipe.
     */
    CaptureInput.Control streamingControl(Interrupt interrupt, Object toFile) {
        boolean auto = Terminal.stderrIsTerminal() && (toFile != null || !Terminal.stdoutIsTerminal());
        return new CaptureInput.Control(progress != null ? progress : auto, System.err, interrupt);
    }
}
