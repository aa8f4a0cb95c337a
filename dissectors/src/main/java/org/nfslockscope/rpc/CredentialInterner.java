package org.nfslockscope.rpc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nfslockscope.xdr.XdrReader;

/**
 * Shares one instance among equal AUTH_SYS credentials. A client sends the same credential with
 * every call, and the tracker keeps thousands of calls per connection for pairing: without
 * sharing, each kept call held its own copy (record, machine-name string, gid array), which was
 * the largest part of the tracker's memory on lock-heavy captures. Bounded: the table starts
 * over when full, which costs only sharing, never correctness.
 */
final class CredentialInterner {
    static final int MAX_ENTRIES = 4096;

    /** Value equality for an AUTH_SYS credential (the record compares its gid array by identity). */
    private record SysValue(Credential.Sys sys) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SysValue v && same(sys, v.sys);
        }

        static boolean same(Credential.Sys a, Credential.Sys b) {
            return a.stamp() == b.stamp() && a.uid() == b.uid() && a.gid() == b.gid()
                    && a.machineName().equals(b.machineName()) && Arrays.equals(a.gids(), b.gids());
        }

        @Override
        public int hashCode() {
            // Spelled out: Objects.hash boxed four values on every call.
            int h = Long.hashCode(sys.stamp());
            h = 31 * h + sys.machineName().hashCode();
            h = 31 * h + Long.hashCode(sys.uid());
            h = 31 * h + Long.hashCode(sys.gid());
            return h * 31 + Arrays.hashCode(sys.gids());
        }
    }

    private final Map<SysValue, Credential.Sys> shared = new HashMap<>();
    /**
     * The last AUTH_SYS credential of one sender (a TCP connection, or all UDP traffic) in its wire
     * form (flavor, length, body and padding) and its shared instance: a call whose credential
     * has the very same bytes gets that instance without being parsed, which spares a
     * machine-name string, a gid array and a credential per call. A connection's calls nearly
     * always carry one credential, while connections interleave, so each keeps its own.
     */
    static final class Memo {
        private byte[] raw;
        private Credential.Sys sys;
    }

    /**
     * Reads the credential at {@code x}'s position in {@code record} (the reader reads that
     * record) and returns the shared instance for an AUTH_SYS one.
     */
    Credential read(XdrReader x, ByteBuffer record, Memo memo) {
        byte[] raw = memo.raw;
        int at = record.position() + x.offset();
        if (raw != null && record.hasArray() && record.limit() - at >= raw.length) {
            int from = record.arrayOffset() + at;
            if (Arrays.equals(record.array(), from, from + raw.length, raw, 0, raw.length)) {
                x.skip(raw.length);
                return memo.sys;
            }
        }
        int start = x.offset();
        Credential c = RpcHeaders.credential(x);
        if (!(c instanceof Credential.Sys sys)) {
            return c;
        }
        Credential.Sys one = intern(sys);
        int n = x.offset() - start;
        // Only a whole credential, padding included: a cut one would match the start of a longer one.
        if (record.hasArray() && n >= 8 && n == 8 + (record.getInt(at + 4) + 3 & ~3)) {
            int from = record.arrayOffset() + at;
            memo.raw = Arrays.copyOfRange(record.array(), from, from + n);
            memo.sys = one;
        } else {
            memo.raw = null;
            memo.sys = null;
        }
        return one;
    }

    /** The shared instance equal to {@code sys}. */
    private Credential.Sys intern(Credential.Sys sys) {
        Credential.Sys first = shared.get(new SysValue(sys));
        if (first == null) {
            if (shared.size() >= MAX_ENTRIES) {
                shared.clear();
            }
            shared.put(new SysValue(sys), sys);
            first = sys;
        }
        return first;
    }
}
