package org.nfslockscope.capture;

import java.io.IOException;

/** The input is not a pcap or pcapng file (nor a gzip or bzip2 of one). */
public final class NotACaptureException extends IOException {
    public NotACaptureException(String message) {
        super(message);
    }
}
