package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfslockscope.nfs4.Wire.OTHER;
import static org.nfslockscope.nfs4.Wire.SESSION;
import static org.nfslockscope.nfs4.Wire.changeInfo;
import static org.nfslockscope.nfs4.Wire.owner;
import static org.nfslockscope.nfs4.Wire.stateid;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfslockscope.testing.XdrWriter;

/** The lock-relevant operations decode to exactly the values written. */
class LockStateOperationsTest {
    private static final long CLIENTID = 0x6b02c03000000009L;
    private static final Stateid SID = new Stateid(1, OTHER);
    private static final String OTHER2 = "0c0b0a090807060504030201";

    private static Nfs4Op onlyOp(Compound c) {
        assertNull(c.damage(), c::toString);
        assertEquals(1, c.ops().size());
        return c.ops().get(0);
    }

    private static Nfs4Result onlyResult(CompoundResult c) {
        assertNull(c.damage(), c::toString);
        assertEquals(1, c.results().size());
        return c.results().get(0);
    }

    @Test
    void compoundHeaderAndEmptyOpList() {
        Compound c = Nfs4Decoder.compound(new org.nfslockscope.xdr.XdrReader(Wire.callHeader("tag", 1, 0).buffer()));
        assertEquals(new Compound("tag", 1, List.of(), null), c);
        CompoundResult r = Wire.reply(10021);
        assertEquals(new CompoundResult(10021, "t", List.of(), null), r);
    }

    @Test
    void lockWithOpenToLockOwner() {
        Nfs4Op op = onlyOp(Wire.call(0, Wire.op(12, w -> owner(stateid(w.u32(2).bool(false).u64(0).u64(100)
                .bool(true).u32(2), 2, OTHER).u32(0), CLIENTID, "6c6f636b"))));
        assertEquals(new Lock(2, false, 0, 100,
                new Lock.OpenToLockOwner(2, new Stateid(2, OTHER), 0, new StateOwner(CLIENTID, "6c6f636b"))), op);
    }

    @Test
    void lockWithExistingLockOwnerReclaimToEof() {
        Nfs4Op op = onlyOp(Wire.call(0, Wire.op(12, w -> stateid(w.u32(4).bool(true).u64(200).u64(-1)
                .bool(false), 5, OTHER2).u32(7))));
        assertEquals(new Lock(4, true, 200, -1, new Lock.ExistLockOwner(new Stateid(5, OTHER2), 7)), op);
    }

    @Test
    void lockResults() {
        assertEquals(new Lock.Result(0, SID, null), onlyResult(Wire.reply(0, Wire.op(12, w -> stateid(w.u32(0))))));
        Nfs4Result denied = onlyResult(Wire.reply(10010, Wire.op(12, w -> owner(w.u32(10010).u64(0).u64(-1).u32(2),
                CLIENTID, "6f"))));
        assertEquals(new Lock.Result(10010, null, new LockDenied(0, -1, 2, new StateOwner(CLIENTID, "6f"))), denied);
        assertEquals(new Lock.Result(10013, null, null), onlyResult(Wire.reply(10013, Wire.status(12, 10013))));
    }

    @Test
    void lockTAndDenied() {
        assertEquals(new LockT(3, 10, 20, new StateOwner(CLIENTID, "6f776e")),
                onlyOp(Wire.call(0, Wire.op(13, w -> owner(w.u32(3).u64(10).u64(20), CLIENTID, "6f776e")))));
        assertEquals(new LockT.Result(10010, new LockDenied(0, 100, 2, new StateOwner(0, ""))),
                onlyResult(Wire.reply(10010, Wire.op(13, w -> owner(w.u32(10010).u64(0).u64(100).u32(2), 0, "")))));
        assertEquals(new LockT.Result(0, null), onlyResult(Wire.reply(0, Wire.status(13, 0))));
    }

    @Test
    void lockU() {
        assertEquals(new LockU(2, 1, SID, 0, 100),
                onlyOp(Wire.call(0, Wire.op(14, w -> stateid(w.u32(2).u32(1)).u64(0).u64(100)))));
        assertEquals(new StateidResult(14, 0, new Stateid(2, OTHER)),
                onlyResult(Wire.reply(0, Wire.op(14, w -> stateid(w.u32(0), 2, OTHER)))));
    }

    private static XdrWriter openHead(XdrWriter w) {
        return owner(w.u32(5).u32(3).u32(1), CLIENTID, "6f70656e");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void openWithEveryClaim(int claim) {
        Nfs4Op op = onlyOp(Wire.call(0, Wire.op(18, w -> {
            openHead(w).u32(0).u32(claim);
            switch (claim) {
                case 0, 3 -> w.string("f");
                case 1 -> w.u32(1);
                case 2 -> stateid(w).string("f");
                case 5 -> stateid(w);
                default -> { }
            }
        })));
        Open.Claim expected = switch (claim) {
            case 0, 3 -> new Open.Claim(claim, "f", -1, null);
            case 1 -> new Open.Claim(claim, null, 1, null);
            case 2 -> new Open.Claim(claim, "f", -1, SID);
            case 5 -> new Open.Claim(claim, null, -1, SID);
            default -> new Open.Claim(claim, null, -1, null);
        };
        assertEquals(new Open(5, 3, 1, new StateOwner(CLIENTID, "6f70656e"), -1, null, expected), op);
        assertEquals(claim == 1 || claim == 3 || claim == 6, expected.isReclaim());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void openWithEveryCreateMode(int mode) {
        Nfs4Op op = onlyOp(Wire.call(0, Wire.op(18, w -> {
            openHead(w).u32(1).u32(mode);
            if (mode >= 2) {
                w.fixedHex("0102030405060708");
            }
            if (mode != 2) {
                Wire.fattr(w);
            }
            w.u32(4);
        })));
        String verifier = mode >= 2 ? "0102030405060708" : null;
        assertEquals(new Open(5, 3, 1, new StateOwner(CLIENTID, "6f70656e"), mode, verifier,
                new Open.Claim(4, null, -1, null)), op);
    }

    @Test
    void openResultWithEveryDelegation() {
        XdrWriter base = changeInfo(stateid(new XdrWriter().u32(0), 1, OTHER)).u32(0x6).u32(0);
        assertEquals(new Open.Result(0, SID, 6, new Delegation(0, null, false, -1)),
                onlyResult(Wire.reply(0, Wire.op(18, w -> w.raw(base.bytes()).u32(0)))));
        assertEquals(new Open.Result(0, SID, 6, new Delegation(1, new Stateid(3, OTHER2), true, -1)),
                onlyResult(Wire.reply(0, Wire.op(18, w -> stateid(w.raw(base.bytes()).u32(1), 3, OTHER2).bool(true)
                        .u32(0).u32(0).u32(1).string("EVERYONE@")))));
        assertEquals(new Open.Result(0, SID, 6, new Delegation(2, new Stateid(3, OTHER2), false, -1)),
                onlyResult(Wire.reply(0, Wire.op(18, w -> stateid(w.raw(base.bytes()).u32(2), 3, OTHER2).bool(false)
                        .u32(2).u32(1).u32(4096).u32(0).u32(0).u32(1).string("")))));
        assertEquals(new Open.Result(0, SID, 6, new Delegation(3, null, false, 8)),
                onlyResult(Wire.reply(0, Wire.op(18, w -> w.raw(base.bytes()).u32(3).u32(8).bool(true)))));
        assertEquals(new Open.Result(10015, null, 0, null), onlyResult(Wire.reply(10015, Wire.status(18, 10015))));
    }

    @Test
    void openConfirmDowngradeClose() {
        assertEquals(new OpenConfirm(SID, 1), onlyOp(Wire.call(0, Wire.op(20, w -> stateid(w).u32(1)))));
        assertEquals(new OpenDowngrade(SID, 4, 1, 0),
                onlyOp(Wire.call(0, Wire.op(21, w -> stateid(w).u32(4).u32(1).u32(0)))));
        assertEquals(new Close(3, SID), onlyOp(Wire.call(0, Wire.op(4, w -> stateid(w.u32(3))))));
        assertEquals(new StateidResult(4, 0, SID), onlyResult(Wire.reply(0, Wire.op(4, w -> stateid(w.u32(0))))));
        assertEquals(new StateidResult(20, 10026, null), onlyResult(Wire.reply(10026, Wire.status(20, 10026))));
    }

    @Test
    void clientIdentity40() {
        assertEquals(new SetClientId("0001020304050607", "6964", 0x40000000, new NetAddr("tcp", "127.0.0.1.3.232"), 9),
                onlyOp(Wire.call(0, Wire.op(35, w -> w.fixedHex("0001020304050607").opaqueHex("6964")
                        .u32(0x40000000).string("tcp").string("127.0.0.1.3.232").u32(9)))));
        assertEquals(new SetClientId.Result(0, CLIENTID, "0807060504030201", null),
                onlyResult(Wire.reply(0, Wire.op(35, w -> w.u32(0).u64(CLIENTID).fixedHex("0807060504030201")))));
        assertEquals(new SetClientId.Result(10017, 0, null, new NetAddr("tcp", "10.1.1.1.3.1")),
                onlyResult(Wire.reply(10017, Wire.op(35, w -> w.u32(10017).string("tcp").string("10.1.1.1.3.1")))));
        assertEquals(new SetClientIdConfirm(CLIENTID, "0807060504030201"),
                onlyOp(Wire.call(0, Wire.op(36, w -> w.u64(CLIENTID).fixedHex("0807060504030201")))));
        assertEquals(new Renew(CLIENTID), onlyOp(Wire.call(0, Wire.op(30, w -> w.u64(CLIENTID)))));
        assertEquals(new ReleaseLockowner(new StateOwner(CLIENTID, "6c")),
                onlyOp(Wire.call(0, Wire.op(39, w -> owner(w, CLIENTID, "6c")))));
        assertEquals(new DelegPurge(CLIENTID), onlyOp(Wire.call(0, Wire.op(7, w -> w.u64(CLIENTID)))));
        assertEquals(new DelegReturn(SID), onlyOp(Wire.call(0, Wire.op(8, Wire::stateid))));
    }

    @Test
    void sessions41() {
        assertEquals(new ExchangeId("0001020304050607", "6f", 0x40000001, 0),
                onlyOp(Wire.call(1, Wire.op(42, w -> w.fixedHex("0001020304050607").opaqueHex("6f").u32(0x40000001)
                        .u32(0).u32(0)))));
        assertEquals(new ExchangeId.Result(0, CLIENTID, 1, 0x80000000, "6d"),
                onlyResult(Wire.reply(0, Wire.op(42, w -> w.u32(0).u64(CLIENTID).u32(1).u32(0x80000000).u32(0).u64(0)
                        .opaqueHex("6d").opaqueHex("73").u32(0)))));
        XdrWriter chan = new XdrWriter().u32(0).u32(1).u32(2).u32(3).u32(4).u32(16).u32(0);
        assertEquals(new CreateSession(CLIENTID, 1, 3, 16, 16, 0x40000000),
                onlyOp(Wire.call(1, Wire.op(43, w -> w.u64(CLIENTID).u32(1).u32(3).raw(chan.bytes()).raw(chan.bytes())
                        .u32(0x40000000).u32(1).u32(0)))));
        assertEquals(new CreateSession.Result(0, SESSION, 1, 2, 16, 16),
                onlyResult(Wire.reply(0, Wire.op(43, w -> w.u32(0).fixedHex(SESSION).u32(1).u32(2).raw(chan.bytes())
                        .raw(chan.bytes())))));
        assertEquals(new Sequence(SESSION, 7, 2, 15, true),
                onlyOp(Wire.call(1, Wire.op(53, w -> w.fixedHex(SESSION).u32(7).u32(2).u32(15).bool(true)))));
        assertEquals(new Sequence.Result(0, SESSION, 7, 2, 15, 14, 0x108),
                onlyResult(Wire.reply(0, Wire.op(53, w -> w.u32(0).fixedHex(SESSION).u32(7).u32(2).u32(15).u32(14)
                        .u32(0x108)))));
        assertEquals(new DestroySession(SESSION), onlyOp(Wire.call(1, Wire.op(44, w -> w.fixedHex(SESSION)))));
        assertEquals(new DestroyClientid(CLIENTID), onlyOp(Wire.call(1, Wire.op(57, w -> w.u64(CLIENTID)))));
        assertEquals(new ReclaimComplete(true), onlyOp(Wire.call(1, Wire.op(58, w -> w.bool(true)))));
        assertEquals(new FreeStateid(SID), onlyOp(Wire.call(1, Wire.op(45, Wire::stateid))));
        assertEquals(new TestStateid(List.of(SID, new Stateid(2, OTHER2))),
                onlyOp(Wire.call(1, Wire.op(55, w -> stateid(stateid(w.u32(2)), 2, OTHER2)))));
        assertEquals(new TestStateid.Result(0, List.of(0, 10025)),
                onlyResult(Wire.reply(0, Wire.op(55, w -> w.u32(0).u32(2).u32(0).u32(10025)))));
        assertEquals(new BindConnToSession(SESSION, 2, false),
                onlyOp(Wire.call(1, Wire.op(41, w -> w.fixedHex(SESSION).u32(2).bool(false)))));
        assertEquals(new BindConnToSession.Result(0, SESSION, 2, false),
                onlyResult(Wire.reply(0, Wire.op(41, w -> w.u32(0).fixedHex(SESSION).u32(2).bool(false)))));
        assertEquals(new BackchannelCtl(0x40000002),
                onlyOp(Wire.call(1, Wire.op(40, w -> w.u32(0x40000002).u32(1).u32(0)))));
    }

    @Test
    void filehandlesNamesAndAttributes() {
        assertEquals(new PutFh(Wire.FH), onlyOp(Wire.call(0, Wire.op(22, w -> w.opaqueHex(Wire.FH)))));
        assertEquals(new GetFh.Result(0, Wire.FH), onlyResult(Wire.reply(0, Wire.op(10, w -> w.u32(0).opaqueHex(Wire.FH)))));
        assertEquals(new Lookup("dir"), onlyOp(Wire.call(0, Wire.op(15, w -> w.string("dir")))));
        assertEquals(new GetAttr(List.of(0x400)), onlyOp(Wire.call(0, Wire.op(9, w -> w.u32(1).u32(0x400)))));
        for (int op : new int[] {23, 24, 31, 32}) {
            assertEquals(new PlainOp(op, false), onlyOp(Wire.call(0, Wire.op(op, w -> { }))));
        }
    }

    @Test
    void leaseTimeIsFoundBehindTheAttributesBeforeIt() {
        // supported_attrs (bitmap of 2 words), type, change, size, fsid, then lease_time = 15.
        int mask = 1 | 1 << 1 | 1 << 3 | 1 << 4 | 1 << 8 | 1 << 10;
        byte[] vals = new XdrWriter().u32(2).u32(-1).u32(-1).u32(2).u64(7).u64(4096).u64(1).u64(2).u32(15).bytes();
        Nfs4Result r = onlyResult(Wire.reply(0, Wire.op(9, w -> w.u32(0).u32(1).u32(mask).opaque(vals))));
        assertEquals(new GetAttr.Result(0, List.of(mask), 15), r);
        byte[] noLease = new XdrWriter().u64(4096).bytes();
        assertEquals(-1, ((GetAttr.Result) onlyResult(Wire.reply(0, Wire.op(9, w -> w.u32(0).u32(1).u32(1 << 4)
                .opaque(noLease))))).leaseTime());
    }

    @Test
    void readAndWriteSkipTheirData() {
        assertEquals(new Read(SID, 4096, 512), onlyOp(Wire.call(0, Wire.op(25, w -> stateid(w).u64(4096).u32(512)))));
        assertEquals(new Read.Result(0, true, 3, 0),
                onlyResult(Wire.reply(0, Wire.op(25, w -> w.u32(0).bool(true).opaqueHex("010203")))));
        assertEquals(new Write(SID, 8, 2, 5, 0),
                onlyOp(Wire.call(0, Wire.op(38, w -> stateid(w).u64(8).u32(2).opaqueHex("0102030405")))));
        assertEquals(new Write.Result(0, 5, 2),
                onlyResult(Wire.reply(0, Wire.op(38, w -> w.u32(0).u32(5).u32(2).fixedHex("0001020304050607")))));
        assertEquals(new SetAttr(SID), onlyOp(Wire.call(0, Wire.op(34, w -> Wire.fattr(stateid(w))))));
    }

    @Test
    void writeWhoseDataTheCaptureCutShortIsKeptWithDamage() {
        Compound c = Wire.call(0, Wire.op(38, w -> stateid(w).u64(0).u32(2).u32(1000).fixedHex("01020304")));
        assertEquals(List.of(new Write(SID, 0, 2, 1000, 996)), c.ops());
        assertTrue(c.damage().contains("WRITE") && c.damage().contains("996"), c.damage());
    }

    @Test
    void reclaimClaimsAreReclaims() {
        assertTrue(new Open.Claim(Open.CLAIM_PREVIOUS, null, 0, null).isReclaim());
        assertFalse(new Open.Claim(Open.CLAIM_NULL, "f", -1, null).isReclaim());
        assertFalse(new Open.Claim(Open.CLAIM_DELEG_CUR_FH, null, -1, SID).isReclaim());
    }
}
