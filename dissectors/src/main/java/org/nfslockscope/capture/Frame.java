package org.nfslockscope.capture;

import java.nio.ByteBuffer;

/**
 * One captured packet. {@code number} is 1-based and counts packets as Wireshark does, across
 * all interfaces and sections. {@code data} is a view into the reader's buffer: it is valid only
 * until the next call to {@link CaptureReader#next()}; whoever needs the bytes later copies them.
 */
public record Frame(long number, long timeNanos, int linkType, int interfaceId,
                    int originalLength, ByteBuffer data) {

    public int capturedLength() {
        return data.remaining();
    }
}
