package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.nfslockscope.nfs4.Wire.FH;
import static org.nfslockscope.nfs4.Wire.OTHER;
import static org.nfslockscope.nfs4.Wire.SESSION;
import static org.nfslockscope.nfs4.Wire.owner;
import static org.nfslockscope.nfs4.Wire.stateid;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nfslockscope.testing.XdrWriter;

/** CB_COMPOUND: every callback operation, and the ones the lock view reads, field by field. */
class CallbackOperationsTest {
    private static final Stateid SID = new Stateid(1, OTHER);
    private static final String MARK = "beef";
    private static final Map<Integer, Consumer<XdrWriter>> ARGS = new TreeMap<>();

    static {
        ARGS.put(3, w -> w.opaqueHex(FH).u32(1).u32(0x18));
        ARGS.put(4, w -> stateid(w).bool(false).opaqueHex(FH));
        ARGS.put(5, w -> stateid(w.u32(1).u32(3).bool(true).u32(1).opaqueHex(FH).u64(0).u64(-1)));
        ARGS.put(6, w -> stateid(w).opaqueHex(FH).u32(1).u32(1).u32(0x2).opaqueHex("0102"));
        ARGS.put(7, w -> stateid(w.opaqueHex(FH).u32(1)).bool(false).u32(0).u32(0).u32(1).string("OWNER@"));
        ARGS.put(8, w -> w.u32(10).u32(1).u32(0x1));
        ARGS.put(9, w -> w.u32(10).u32(1).u32(0x100));
        ARGS.put(10, w -> w.u32(4));
        ARGS.put(11, w -> w.fixedHex(SESSION).u32(3).u32(0).u32(0).bool(false).u32(1).fixedHex(SESSION).u32(1)
                .u32(9).u32(0));
        ARGS.put(12, w -> w.bool(true).bool(false));
        ARGS.put(13, w -> owner(w.opaqueHex(FH), 9, "6c6b"));
        ARGS.put(14, w -> w.u32(1).u32(1).u32(0x6).opaqueHex("0102030405"));
        ARGS.put(15, w -> stateid(w.opaqueHex(FH)).u32(0).u32(0).u64(100).u32(2).fixedHex("0001020304050607"));
        ARGS.put(10044, w -> { });
    }

    @TestFactory
    Stream<DynamicTest> everyCallbackOperationIsReadToItsLastByte() {
        return ARGS.entrySet().stream().map(e -> DynamicTest.dynamicTest(Nfs4Names.cbOp(e.getKey()), () -> {
            CbCompound c = Wire.cbCall(1, 0, Wire.op(e.getKey(), e.getValue()),
                    Wire.op(4, w -> stateid(w).bool(true).opaqueHex(MARK)));
            assertNull(c.damage(), c::toString);
            assertEquals(e.getKey(), c.ops().get(0).opcode());
            assertEquals(Nfs4Names.cbOp(e.getKey()), c.ops().get(0).name());
            assertEquals(new CbRecall(SID, true, MARK), c.ops().get(1));
        }));
    }

    @Test
    void everyCallbackResultIsReadToItsLastByte() {
        for (int op : ARGS.keySet()) {
            byte[] result = switch (op) {
                case 3 -> Wire.op(3, w -> Wire.fattr(w.u32(0)));
                case 11 -> Wire.op(11, w -> w.u32(0).fixedHex(SESSION).u32(3).u32(0).u32(0).u32(0));
                default -> Wire.status(op, op == 10044 ? 10044 : 0);
            };
            CbCompoundResult r = Wire.cbReply(0, result, Wire.op(11, w -> w.u32(10052)));
            assertNull(r.damage(), r::toString);
            assertEquals(op, r.results().get(0).opcode());
            assertEquals(Nfs4Names.cbOp(op), r.results().get(0).name());
            assertEquals(new CbSequence.Result(10052, null, 0, 0, 0, 0), r.results().get(1));
        }
    }

    @Test
    void callbackFieldsTheLockViewUses() {
        CbCompound c = Wire.cbCall(0, 7, Wire.op(4, w -> stateid(w).bool(false).opaqueHex(FH)));
        assertEquals(new CbCompound("cb", 0, 7, List.of(new CbRecall(SID, false, FH)), null), c);
        CbCompound seq = Wire.cbCall(1, 0, Wire.op(11, w -> w.fixedHex(SESSION).u32(3).u32(1).u32(4).bool(true).u32(0)),
                Wire.op(13, w -> owner(w.opaqueHex(FH), 9, "6c6b")));
        assertEquals(List.of(new CbSequence(SESSION, 3, 1, 4, true), new CbNotifyLock(FH, new StateOwner(9, "6c6b"))),
                seq.ops());
        CbCompoundResult r = Wire.cbReply(0, Wire.op(11, w -> w.u32(0).fixedHex(SESSION).u32(3).u32(1).u32(4).u32(4)));
        assertEquals(List.of(new CbSequence.Result(0, SESSION, 3, 1, 4, 4)), r.results());
    }

    @Test
    void unknownCallbackOperationStopsDecoding() {
        CbCompound c = Wire.cbCall(1, 0, Wire.op(12, w -> w.bool(true).bool(true)), Wire.op(16, w -> { }));
        assertEquals(1, c.ops().size());
        assertEquals("unknown operation 16", c.damage());
    }
}
