package org.nfslockscope.report;

/**
 * The input is not a capture that can be read (missing, a directory, not pcap/pcapng). The
 * message is one line for the user, already naming the file; no stack trace is shown.
 */
public class UnreadableCaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableCaptureException(String message) {
        super(message);
    }
}
