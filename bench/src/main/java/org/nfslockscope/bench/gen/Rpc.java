package org.nfslockscope.bench.gen;

/** ONC RPC headers (RFC 5531) as the generators need them: AUTH_SYS calls, accepted replies. */
final class Rpc {
    static final int NFS = 100003;
    static final int NLM = 100021;

    private Rpc() {
    }

    static Xdr call(Xdr x, int xid, int program, int version, int procedure, String machine, int uid) {
        x.reset().u32(xid).u32(0).u32(2).u32(program).u32(version).u32(procedure);
        // AUTH_SYS body: stamp, machine name, uid, gid, no extra gids.
        int nameLen = (machine.length() + 3) & ~3;
        x.u32(1).u32(4 + 4 + nameLen + 4 + 4 + 4);
        x.u32(0x5eed).string(machine).u32(uid).u32(uid).u32(0);
        return x.u32(0).u32(0); // AUTH_NONE verifier
    }

    static Xdr acceptedReply(Xdr x, int xid) {
        return x.reset().u32(xid).u32(1).u32(0).u32(0).u32(0).u32(0);
    }
}
