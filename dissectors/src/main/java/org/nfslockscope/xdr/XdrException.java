package org.nfslockscope.xdr;

/**
 * Raised when XDR data ends early or holds a value that cannot be decoded. Decoders catch it at
 * the message boundary and turn it into a diagnostic; it never leaves the pipeline.
 */
public final class XdrException extends RuntimeException {
    private final int offset;

    public XdrException(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    /** Offset within the message at which decoding failed. */
    public int offset() {
        return offset;
    }
}
