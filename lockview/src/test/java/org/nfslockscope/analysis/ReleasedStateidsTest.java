package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nfslockscope.lockview.Owner;

class ReleasedStateidsTest {
    private static String other(int i) {
        return String.format("%016x%08x", 0x5f00_0000_0000_0000L + i, i);
    }

    @Test
    void keepsWhatAUseAfterTheReleaseIsJudgedBy() {
        ReleasedStateids r = new ReleasedStateids(16);
        Owner owner = Owner.nfs4(0x11, new byte[] {1, 2});
        r.add(other(1), 0x11, 3, true, owner, 100, 9);
        r.add(other(2), 0x22, -1, false, null, 200, 9);
        int e = r.find(other(1));
        assertEquals(0x11, r.clientid(e));
        assertEquals(3, r.epoch(e));
        assertTrue(r.lock(e));
        assertEquals(owner, r.owner(e));
        assertEquals(100, r.time(e));
        assertEquals(9, r.frame(e));
        int f = r.find(other(2));
        assertEquals(-1, r.epoch(f));
        assertFalse(r.lock(f));
        assertNull(r.owner(f));
        r.forgetOwner(e);
        assertNull(r.owner(r.find(other(1))));
        assertEquals(-1, r.find(other(3)));
    }

    @Test
    void keysAreTheTwelveBytesExactly() {
        ReleasedStateids r = new ReleasedStateids(16);
        String a = "0000000000000001" + "00000000";
        String b = "0000000000000000" + "00000001";
        r.add(a, 1, 0, false, null, 1, 9);
        assertEquals(-1, r.find(b));
        assertTrue(r.find(a) >= 0);
        // Not 24 hex digits: no stateid a server handed out; neither kept nor found.
        r.add("abc", 1, 0, false, null, 1, 9);
        r.add("zz0000000000000000000000", 1, 0, false, null, 1, 9);
        assertEquals(1, r.size());
        assertEquals(-1, r.find("abc"));
        assertEquals(-1, r.find(null));
    }

    @Test
    void forgetsInReleaseOrderAndByClient() {
        ReleasedStateids r = new ReleasedStateids(16);
        for (int i = 0; i < 6; i++) {
            r.add(other(i), i % 2, 0, false, null, i * 10L, 9);
        }
        r.add(other(0), 0, 0, false, null, 1_000, 9); // given back again: the first release stands
        r.forgetBefore(20);
        assertEquals(-1, r.find(other(0)));
        assertEquals(-1, r.find(other(1)));
        assertTrue(r.find(other(2)) >= 0);
        r.forgetClients(Set.of(1L));
        assertEquals(2, r.size());
        assertTrue(r.find(other(2)) >= 0 && r.find(other(4)) >= 0);
        r.remove(other(2));
        assertEquals(1, r.size());
    }

    @Test
    void boundedOldestFirstAndOwnersListed() {
        ReleasedStateids r = new ReleasedStateids(4);
        for (int i = 0; i < 10; i++) {
            r.add(other(i), 1, 0, true, Owner.nfs4(1, new byte[] {(byte) i}), i, 9);
        }
        assertEquals(4, r.size());
        assertEquals(-1, r.find(other(5)));
        assertTrue(r.find(other(6)) >= 0);
        Set<Owner> owners = new HashSet<>();
        r.owners(owners);
        assertEquals(Set.of(Owner.nfs4(1, new byte[] {6}), Owner.nfs4(1, new byte[] {7}),
                Owner.nfs4(1, new byte[] {8}), Owner.nfs4(1, new byte[] {9})), owners);
    }
}
