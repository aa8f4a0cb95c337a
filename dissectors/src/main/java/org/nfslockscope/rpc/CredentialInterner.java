package org.nfslockscope.rpc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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
     * The shared instance handed out last: a client's calls come in runs with one credential, and
     * comparing with it is cheaper than hashing the credential for the table.
     */
    private Credential.Sys last;

    /** {@code call}, or an equal call whose credential is the shared instance. */
    RpcCall intern(RpcCall call) {
        if (!(call.credential() instanceof Credential.Sys sys)) {
            return call;
        }
        Credential.Sys first = last != null && SysValue.same(last, sys) ? last : shared.get(new SysValue(sys));
        if (first == null) {
            if (shared.size() >= MAX_ENTRIES) {
                shared.clear();
            }
            shared.put(new SysValue(sys), sys);
            // Set only here and on a table hit, so it is always an instance the table holds.
            last = sys;
            return call;
        }
        last = first;
        return new RpcCall(call.xid(), call.rpcVersion(), call.program(), call.version(), call.procedure(), first,
                call.verifierFlavor(), call.bodyOffset());
    }
}
