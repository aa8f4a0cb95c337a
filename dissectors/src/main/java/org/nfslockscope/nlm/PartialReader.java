package org.nfslockscope.nlm;

import java.util.function.Supplier;
import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/**
 * An {@link XdrReader} that never throws: the first failure is remembered as the damage, and from
 * then on every read answers a neutral value (0, false, null). Decoders can then read a structure
 * straight through, as its XDR definition is written, and still hand back what came before the
 * damage. The NLM and NSM decoders share it because their messages are flat and small.
 */
public final class PartialReader {
    private final XdrReader in;
    private String damage;

    public PartialReader(XdrReader in) {
        this.in = in;
    }

    /** Null while every read succeeded; otherwise why and where the first one failed. */
    public String damage() {
        return damage;
    }

    public boolean damaged() {
        return damage != null;
    }

    /** Records damage found by the caller (a value the XDR cannot hold, an unknown procedure). */
    public void fail(String why) {
        if (damage == null) {
            damage = why;
        }
    }

    /** Runs one read unless damage came first; a failure becomes the damage and yields {@code otherwise}. */
    private <T> T read(Supplier<T> read, T otherwise, String what) {
        if (damage != null) {
            return otherwise;
        }
        try {
            return read.get();
        } catch (XdrException e) {
            fail(what + ": " + e.getMessage() + " at offset " + e.offset());
            return otherwise;
        }
    }

    public int u32(String what) {
        return read(in::u32, 0, what);
    }

    /** An XDR unsigned int as a non-negative long. */
    public long u32L(String what) {
        return u32(what) & 0xffffffffL;
    }

    public long u64(String what) {
        return read(in::u64, 0L, what);
    }

    public boolean bool(String what) {
        return read(in::bool, false, what);
    }

    /** Variable-length opaque (netobj, cookie) as lower-case hex, or null after damage. */
    public String hexOpaque(int max, String what) {
        return read(() -> in.hexOpaque(max), null, what);
    }

    /** Fixed-length opaque (NSM priv[16]) as lower-case hex, or null after damage. */
    public String hexFixed(int n, String what) {
        return read(() -> in.hexFixed(n), null, what);
    }

    public String string(int max, String what) {
        return read(() -> in.string(max), null, what);
    }
}
