package org.nfslockscope.nlm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds XDR bytes by hand for the NLM and NSM tests, in the order the XDR definitions list fields. */
public final class NlmXdr {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public NlmXdr u32(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    public NlmXdr u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    public NlmXdr bool(boolean v) {
        return u32(v ? 1 : 0);
    }

    /** Offset or length: 64 bits in NLMv4, 32 bits before. */
    public NlmXdr offset(boolean nlm4, long v) {
        return nlm4 ? u64(v) : u32(v);
    }

    public NlmXdr fixed(byte[] b) {
        out.writeBytes(b);
        for (int i = b.length; i % 4 != 0; i++) {
            out.write(0);
        }
        return this;
    }

    public NlmXdr opaque(byte[] b) {
        return u32(b.length).fixed(b);
    }

    public NlmXdr hex(String hex) {
        return opaque(HexFormat.of().parseHex(hex));
    }

    public NlmXdr string(String s) {
        return opaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An nlm_lock / nlm4_lock. */
    public NlmXdr lock(boolean nlm4, NlmLock l) {
        return string(l.callerName()).hex(l.fhHex()).hex(l.ohHex()).u32(l.svid())
                .offset(nlm4, l.offset()).offset(nlm4, l.length());
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes());
    }
}
