package org.nfslockscope.cli;

import java.util.Map;
import java.util.Set;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --color, --no-color, --progress: how a command talks to the person at the terminal. */
final class DisplayOptions {
    enum When { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", arity = "0..1", defaultValue = "auto",
            preprocessor = BareColor.class,
            description = "auto (default): colour when standard output is a terminal and NO_COLOR is not set;"
                    + " always (also plain --color); never")
    When color = When.auto;

    /**
     * Bare --color means always, but picocli would take the next word, often the capture, as its
     * value: only auto, always and never are.
     */
    static final class BareColor implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandLine.Model.CommandSpec command,
                                  CommandLine.Model.ArgSpec option, Map<String, Object> info) {
            if (" ".equals(info.get("separator"))
                    && (args.isEmpty() || !Set.of("auto", "always", "never").contains(args.peek()))) {
                args.push("always");
            }
            return false;
        }
    }

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
                interrupt, null);
    }

    /**
     * For commands that print while they read (dump): a bar redrawn between the lines of a
     * terminal would garble them, so by default only when the lines go to a file or a pipe.
     */
    CaptureInput.Control streamingControl(Interrupt interrupt, Object toFile) {
        boolean auto = Terminal.stderrIsTerminal() && (toFile != null || !Terminal.stdoutIsTerminal());
        return new CaptureInput.Control(progress != null ? progress : auto, System.err, interrupt, null);
    }
}
