package org.nfslockscope.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nfslockscope.testing.Rpc;
import org.nfslockscope.xdr.XdrException;

/** Calls with equal AUTH_SYS credentials share one instance, and parse as they would alone. */
class CredentialInternerTest {
    private final CredentialInterner credentials = new CredentialInterner();
    private final CredentialInterner.Memo memo = new CredentialInterner.Memo();

    private RpcCall parse(Rpc rpc) {
        return (RpcCall) RpcHeaders.parse(ByteBuffer.wrap(rpc.message()), credentials, memo);
    }

    private static RpcCall alone(Rpc rpc) {
        return (RpcCall) RpcHeaders.parse(ByteBuffer.wrap(rpc.message()));
    }

    @Test
    void equalCredentialsShareOneInstanceAndTheRestOfTheHeaderIsRead() {
        RpcCall a = parse(Rpc.call(1, Programs.NFS, 4, 1).authSys("client-a", 0, 0).body(new byte[8]));
        RpcCall b = parse(Rpc.call(2, Programs.NFS, 4, 1).authSys("client-a", 0, 0).body(new byte[16]));
        RpcCall c = parse(Rpc.call(3, Programs.NFS, 4, 1).authSys("client-b", 0, 0));
        RpcCall d = parse(Rpc.call(4, Programs.NFS, 4, 1).authSys("client-a", 0, 0));
        assertSame(a.credential(), b.credential());
        assertSame(a.credential(), d.credential(), "found again in the table after another credential");
        assertNotSame(a.credential(), c.credential());
        assertEquals("client-b", ((Credential.Sys) c.credential()).machineName());
        assertEquals(2, b.xid());
        assertEquals(alone(Rpc.call(2, Programs.NFS, 4, 1).authSys("client-a", 0, 0)).bodyOffset(), b.bodyOffset());
        Credential.Sys expected = (Credential.Sys) alone(Rpc.call(9, Programs.NFS, 4, 1).authSys("client-a", 0, 0))
                .credential();
        Credential.Sys shared = (Credential.Sys) a.credential();
        assertEquals(expected.machineName(), shared.machineName());
        assertEquals(expected.uid(), shared.uid());
        assertEquals(Arrays.toString(expected.gids()), Arrays.toString(shared.gids()));
    }

    /** Connections interleave: each keeps its own last credential, all share the instances. */
    @Test
    void interleavedSendersKeepTheirOwnLastCredential() {
        CredentialInterner.Memo other = new CredentialInterner.Memo();
        Rpc a = Rpc.call(1, Programs.NFS, 4, 1).authSys("client-a", 0, 0);
        Rpc b = Rpc.call(1, Programs.NFS, 4, 1).authSys("client-b", 0, 0);
        RpcCall a1 = parse(a);
        RpcCall b1 = (RpcCall) RpcHeaders.parse(ByteBuffer.wrap(b.message()), credentials, other);
        RpcCall a2 = parse(a);
        RpcCall b2 = (RpcCall) RpcHeaders.parse(ByteBuffer.wrap(b.message()), credentials, other);
        RpcCall b3 = parse(b); // the first sender changes its credential
        assertSame(a1.credential(), a2.credential());
        assertSame(b1.credential(), b2.credential());
        assertSame(b1.credential(), b3.credential(), "one shared instance whichever sender");
    }

    /**
     * A credential cut short by the end of a message (its padding missing) is not remembered by
     * its bytes: they are the start of the whole credential, which would then be taken for it and
     * read without its padding. An AUTH_SYS body of 25 bytes (one beyond its fields) needs 3.
     */
    @Test
    void aCredentialCutShortIsNotTakenForAWholeOne() {
        byte[] body = {0, 0, 0, 0, 0, 0, 0, 4, 'a', 'b', 'c', 'd', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
        byte[] whole = Rpc.call(1, Programs.NFS, 4, 1).cred(Credential.AUTH_SYS, body).message();
        byte[] cut = Arrays.copyOf(whole, 24 + 8 + body.length);
        assertThrows(XdrException.class, () -> RpcHeaders.parse(ByteBuffer.wrap(cut), credentials, memo));
        Rpc next = Rpc.call(2, Programs.NFS, 4, 1).cred(Credential.AUTH_SYS, body).body(new byte[] {1, 2, 3, 4});
        RpcCall parsed = parse(next);
        RpcCall expected = alone(next);
        assertEquals(expected.bodyOffset(), parsed.bodyOffset());
        assertEquals(expected.verifierFlavor(), parsed.verifierFlavor());
        assertSame(parsed.credential(), parse(next).credential(), "the whole one is remembered");
    }
}
