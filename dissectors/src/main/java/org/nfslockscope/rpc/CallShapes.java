package org.nfslockscope.rpc;

import java.util.HashMap;
import java.util.Map;

/**
 * The header fields of answered calls, shared: a table of calls keeps thousands of answered ones,
 * which look alike but for their xid, so each keeps a reference to one shared {@link Shape}
 * instead of its own call objects (which, held that long, would be promoted and die in the old
 * generation). Shared by all TCP connections and the UDP calls; bounded, it starts over when full
 * (costs sharing only).
 */
final class CallShapes {
    /** An RPC call header without its xid. */
    record Shape(int rpcVersion, int program, int version, int procedure, Credential credential,
                 int verifierFlavor, int bodyOffset) {
        static Shape of(RpcCall c) {
            return new Shape(c.rpcVersion(), c.program(), c.version(), c.procedure(), c.credential(),
                    c.verifierFlavor(), c.bodyOffset());
        }

        // Spelled out, as for every record on the per-packet path: a record's own equals and
        // hashCode are bound at first use through method handles, whose classes the JVM generates
        // and compiles during the run (docs/performance.md, folding round).
        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && program == s.program && procedure == s.procedure && version == s.version
                    && bodyOffset == s.bodyOffset && rpcVersion == s.rpcVersion && verifierFlavor == s.verifierFlavor
                    && java.util.Objects.equals(credential, s.credential);
        }

        @Override
        public int hashCode() {
            int h = ((rpcVersion * 31 + program) * 31 + version) * 31 + procedure;
            return ((h * 31 + java.util.Objects.hashCode(credential)) * 31 + verifierFlavor) * 31 + bodyOffset;
        }

        /** Same fields as {@code c}, the credential being the very same instance. */
        boolean fits(RpcCall c) {
            return credential == c.credential() && procedure == c.procedure() && program == c.program()
                    && version == c.version() && bodyOffset == c.bodyOffset() && rpcVersion == c.rpcVersion()
                    && verifierFlavor == c.verifierFlavor();
        }
    }

    /** Shapes kept for sharing; past it the table starts over. */
    static final int MAX_ENTRIES = 4096;
    private static final int RECENT_SLOTS = 256;
    private final Map<Shape, Shape> shared = new HashMap<>();
    /**
     * The shapes handed out last, by a cheap hash of their fields and the credential's identity.
     * Calls share their credential instance (credentials are interned), so nearly every call
     * is found here without hashing a credential by value.
     */
    private final Shape[] recent = new Shape[RECENT_SLOTS];

    Shape intern(RpcCall call) {
        int h = ((System.identityHashCode(call.credential()) * 31 + call.procedure()) * 31 + call.program())
                * 31 + call.bodyOffset();
        int slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (RECENT_SLOTS - 1);
        Shape r = recent[slot];
        if (r != null && r.fits(call)) {
            return r;
        }
        Shape s = Shape.of(call);
        Shape first = shared.get(s);
        if (first == null) {
            if (shared.size() >= MAX_ENTRIES) {
                shared.clear();
            }
            shared.put(s, s);
            first = s;
        }
        // Only a shape with this very credential may answer for this slot's identity hash.
        if (first.credential() == call.credential()) {
            recent[slot] = first;
        }
        return first;
    }

    /**
     * Whether {@code kept}, what a table keeps of a call (its {@code CallInfo} while unanswered, its
     * {@link Shape} once answered), is of the program, version and procedure of {@code call}.
     */
    static boolean sameProcedure(Object kept, RpcCall call) {
        if (kept instanceof CallInfo i) {
            RpcCall k = i.call();
            return k.program() == call.program() && k.version() == call.version() && k.procedure() == call.procedure();
        }
        Shape s = (Shape) kept;
        return s.program() == call.program() && s.version() == call.version() && s.procedure() == call.procedure();
    }

    /** The call of {@code s} with {@code xid}, equal to the one the shape was taken from. */
    static CallInfo info(Shape s, long frame, long timeNanos, int xid) {
        return new CallInfo(frame, timeNanos, new RpcCall(xid, s.rpcVersion(), s.program(), s.version(),
                s.procedure(), s.credential(), s.verifierFlavor(), s.bodyOffset()));
    }
}
