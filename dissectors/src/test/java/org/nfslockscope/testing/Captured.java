package org.nfslockscope.testing;

import java.nio.ByteOrder;

/**
 * One frame as the builder will write it. {@code caplen} may be less than the frame (snaplen);
 * {@code section} and {@code order} place it in a pcapng section.
 */
record Captured(int number, long timeNanos, int iface, byte[] frame, int caplen,
                CaptureBuilder.Block block, int section, ByteOrder order) {
}
