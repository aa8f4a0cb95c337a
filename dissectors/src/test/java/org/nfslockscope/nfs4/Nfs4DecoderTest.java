package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which programs the decoder takes: NFS version 4, and version 1 of any transient program (callbacks). */
class Nfs4DecoderTest {
    private final Nfs4Decoder decoder = new Nfs4Decoder();

    @Test
    void nfsVersion4Only() {
        assertTrue(decoder.handles(100003, 4));
        assertFalse(decoder.handles(100003, 3));
        assertFalse(decoder.handles(100021, 4));
    }

    @Test
    void callbackProgramsAreTheTransientRangeVersion1() {
        assertTrue(decoder.handles(0x40000000, 1));
        assertTrue(decoder.handles(0x5fffffff, 1));
        assertFalse(decoder.handles(0x3fffffff, 1));
        assertFalse(decoder.handles(0x60000000, 1));
        assertFalse(decoder.handles(0x40000000, 2));
    }
}
