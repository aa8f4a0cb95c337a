package org.nfslockscope.lockview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OwnerTest {

    @Test
    void nfs4OwnersAreClientIdPlusOwnerBytes() {
        Owner a = Owner.nfs4(0x1234L, new byte[] {(byte) 0xde, (byte) 0xad});
        assertEquals("nfs4/0x0000000000001234/dead", a.key());
        assertEquals("0x0000000000001234 owner dead", a.label());
        assertEquals(a, Owner.nfs4(0x1234L, new byte[] {(byte) 0xde, (byte) 0xad}));
        assertNotEquals(a, Owner.nfs4(0x1235L, new byte[] {(byte) 0xde, (byte) 0xad}));
        assertNotEquals(a, Owner.nfs4(0x1234L, new byte[] {(byte) 0xde}));
    }

    @Test
    void nlmOwnersAreHostSvidAndOh() {
        Owner n = Owner.nlm("client1", -1, new byte[] {1, 2});
        assertEquals("nlm/client1/4294967295/0102", n.key());
        assertEquals("client1 svid 4294967295", n.label());
        assertNotEquals(n, Owner.nlm("client2", -1, new byte[] {1, 2}));
        assertNotEquals(n, Owner.nlm("client1", 7, new byte[] {1, 2}));
    }

    @Test
    void identityIsTheKeyOnly() {
        assertEquals(new Owner("k", "one label"), new Owner("k", "another"));
        assertEquals(new Owner("k", "x").hashCode(), new Owner("k", "y").hashCode());
        assertTrue(new Owner("a", "z").compareTo(new Owner("b", "a")) < 0);
    }
}
