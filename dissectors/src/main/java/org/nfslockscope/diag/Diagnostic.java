package org.nfslockscope.diag;

/**
 * Something in the input that could not be read as it should: a truncated record, a length
 * field past the end, a capture gap. {@code frame} is the Wireshark frame number (1-based), or 0
 * when the problem is in the file header rather than a frame.
 */
public record Diagnostic(long frame, Stage stage, String message) {

    /** The pipeline stage that noticed the problem. */
    public enum Stage { CAPTURE, NET, TCP, RPC, DECODE }

    @Override
    public String toString() {
        return (frame > 0 ? "frame " + frame + ": " : "") + message;
    }
}
