package org.nfslockscope.cli;

/** Exit codes of every command (design.md): scripts and CI jobs rely on them. */
public final class ExitCode {
    /** Nothing at or above --fail-on was found. */
    public static final int OK = 0;
    /** Findings at or above --fail-on. */
    public static final int FINDINGS = 1;
    /** Usage error, or input that cannot be read as a capture. */
    public static final int USAGE_OR_INPUT = 2;

    private ExitCode() {
    }
}
