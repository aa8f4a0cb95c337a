package org.nfslockscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output and standard error are terminals, found without a native library. */
final class Terminal {
    private Terminal() {
    }

    /**
     * System.console() exists only when the JVM talks to a terminal (stdin and stdout both), which
     * is the case colour is for: a person reading, not a pipe or a file.
     */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From Java 22 a console exists even when redirected; isTerminal() then tells.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** On Linux, fd 2 links to /dev/pts/N or /dev/ttyN when it is a terminal; elsewhere: assume not. */
    static boolean stderrIsTerminal() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    }
}
