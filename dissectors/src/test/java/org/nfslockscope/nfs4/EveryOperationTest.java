package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.nfslockscope.nfs4.Wire.changeInfo;
import static org.nfslockscope.nfs4.Wire.fattr;
import static org.nfslockscope.nfs4.Wire.owner;
import static org.nfslockscope.nfs4.Wire.stateid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nfslockscope.testing.XdrWriter;

/**
 * Every operation of NFSv4.0, 4.1, 4.2 and the xattr extension, in calls and replies, in its
 * longest and its empty forms. Each is followed by a marker operation: decoding the marker
 * intact proves the operation was read to its exact last byte, since operations carry no length.
 */
class EveryOperationTest {
    private static final String MARK = "feedface";
    private static final int OK = 0;

    /** Argument variants per opcode, each writing the body after the opcode. */
    private static final Map<Integer, List<Consumer<XdrWriter>>> ARGS = new LinkedHashMap<>();
    /** Result variants per opcode, each writing the status and what follows it. */
    private static final Map<Integer, List<Consumer<XdrWriter>>> RESULTS = new LinkedHashMap<>();

    private static void args(int opcode, Consumer<XdrWriter> body) {
        ARGS.computeIfAbsent(opcode, k -> new ArrayList<>()).add(body);
    }

    private static void res(int opcode, Consumer<XdrWriter> body) {
        RESULTS.computeIfAbsent(opcode, k -> new ArrayList<>()).add(body);
    }

    private static void noArgs(int... opcodes) {
        for (int op : opcodes) {
            args(op, w -> { });
        }
    }

    private static void statusOnly(int... opcodes) {
        for (int op : opcodes) {
            res(op, w -> w.u32(OK));
            res(op, w -> w.u32(10025));
        }
    }

    private static XdrWriter authSysParms(XdrWriter w) {
        return w.u32(1).u32(7).string("client").u32(1000).u32(100).u32(2).u32(4).u32(5);
    }

    private static XdrWriter secParms(XdrWriter w) {
        w.u32(3).u32(0);
        authSysParms(w);
        return w.u32(6).u32(1).opaqueHex("0102").opaqueHex("030405");
    }

    private static XdrWriter channel(XdrWriter w, boolean rdma) {
        w.u32(0).u32(1 << 20).u32(1 << 20).u32(4096).u32(16).u32(64);
        return rdma ? w.u32(1).u32(8) : w.u32(0);
    }

    private static XdrWriter netloc(XdrWriter w, int type) {
        w.u32(type);
        return type == 3 ? w.string("tcp").string("10.0.0.1.8.1") : w.string("server.example");
    }

    private static XdrWriter writeResponse(XdrWriter w, boolean callbackId) {
        if (callbackId) {
            stateid(w.u32(1));
        } else {
            w.u32(0);
        }
        return w.u64(100).u32(2).fixedHex("0001020304050607");
    }

    private static XdrWriter implId(XdrWriter w) {
        return w.u32(1).string("example.org").string("impl 1.0").u64(1_700_000_000L).u32(5);
    }

    /** OPEN4resok up to the delegation: stateid, change_info, rflags, attrset. */
    private static XdrWriter openOk(XdrWriter w) {
        return changeInfo(stateid(w.u32(OK))).u32(4).u32(1).u32(0x10);
    }

    private static XdrWriter nfsace(XdrWriter w) {
        return w.u32(0).u32(0).u32(1).string("OWNER@");
    }

    static {
        noArgs(10, 16, 23, 24, 27, 31, 32, 10044);
        args(3, w -> w.u32(0x3f));
        args(4, w -> stateid(w.u32(3)));
        args(5, w -> w.u64(0).u32(4096));
        args(6, w -> fattr(w.u32(5).string("link-target").string("lnk")));
        args(6, w -> fattr(w.u32(3).u32(8).u32(1).string("blk")));
        args(6, w -> fattr(w.u32(2).string("dir")));
        args(7, w -> w.u64(0x1234));
        args(8, w -> stateid(w));
        args(9, w -> w.u32(2).u32(0x0010011a).u32(0x0030a03a));
        args(9, w -> w.u32(0));
        args(11, w -> w.string("newname"));
        args(12, w -> owner(stateid(w.u32(2).bool(false).u64(0).u64(100).bool(true).u32(2)).u32(0), 9, "6c6f636b"));
        args(12, w -> stateid(w.u32(1).bool(true).u64(5).u64(-1).bool(false)).u32(4));
        args(13, w -> owner(w.u32(1).u64(0).u64(-1), 9, "6f776e"));
        args(14, w -> stateid(w.u32(2).u32(1)).u64(0).u64(100));
        args(15, w -> w.string("file"));
        args(17, Wire::fattr);
        args(19, w -> w.bool(true));
        for (int claim = 0; claim <= 6; claim++) {
            int c = claim;
            args(18, w -> {
                owner(w.u32(0).u32(3).u32(0), 9, "6f70656e").u32(1).u32(3).fixedHex("0102030405060708");
                fattr(w).u32(c);
                switch (c) {
                    case 0, 3 -> w.string("name");
                    case 1 -> w.u32(2);
                    case 2 -> stateid(w).string("name");
                    case 5 -> stateid(w);
                    default -> { }
                }
            });
        }
        args(18, w -> owner(w.u32(0).u32(1).u32(0), 9, "").u32(0).u32(4));
        args(18, w -> fattr(owner(w.u32(0).u32(1).u32(0), 9, "").u32(1).u32(0)).u32(4));
        args(18, w -> owner(w.u32(0).u32(1).u32(0), 9, "").u32(1).u32(2).fixedHex("0102030405060708").u32(4));
        args(20, w -> stateid(w).u32(1));
        args(21, w -> stateid(w).u32(4).u32(1).u32(0));
        args(22, w -> w.opaqueHex(Wire.FH));
        args(25, w -> stateid(w).u64(0).u32(65536));
        args(26, w -> w.u64(0).fixedHex("0000000000000000").u32(4096).u32(8192).u32(1).u32(0x1a));
        args(28, w -> w.string("gone"));
        args(29, w -> w.string("old").string("new"));
        args(30, w -> w.u64(0x6b02c03000000009L));
        args(33, w -> w.string("dir"));
        args(34, w -> fattr(stateid(w)));
        args(35, w -> w.fixedHex("0001020304050607").opaqueHex("6964").u32(0x40000000).string("tcp")
                .string("127.0.0.1.3.232").u32(1));
        args(36, w -> w.u64(0x6b02c03000000009L).fixedHex("0001020304050607"));
        args(37, Wire::fattr);
        args(38, w -> stateid(w).u64(0).u32(2).opaqueHex("0102030405"));
        args(38, w -> stateid(w).u64(0).u32(0).u32(0));
        args(39, w -> owner(w, 9, "6c6f636b"));
        args(40, w -> secParms(w.u32(0x40000001)));
        args(40, w -> w.u32(0x40000001).u32(0));
        args(41, w -> w.fixedHex(Wire.SESSION).u32(3).bool(false));
        args(42, w -> implId(w.fixedHex("0001020304050607").opaqueHex("6f776e6572").u32(0x1).u32(0)));
        args(42, w -> w.fixedHex("0001020304050607").opaqueHex("6f776e6572").u32(0x1).u32(1).u32(1).u32(0x10)
                .u32(0).u32(0));
        args(42, w -> w.fixedHex("0001020304050607").opaqueHex("6f776e6572").u32(0).u32(2).u32(0).u32(0)
                .u32(1).opaqueHex("2a864886").u32(1).opaqueHex("0102").u32(16).u32(2).u32(0));
        args(43, w -> secParms(channel(channel(w.u64(9).u32(1).u32(3), false), true).u32(0x40000000)));
        args(44, w -> w.fixedHex(Wire.SESSION));
        args(45, w -> stateid(w));
        args(46, w -> w.bool(true).u32(1).u32(0xff).u64(1).u32(0).u64(2).u32(0).u32(0).u32(1).u32(3));
        args(47, w -> w.fixedHex(Wire.SESSION).u32(1).u32(4096).u32(1).u32(6));
        args(48, w -> w.u32(1).u32(16).u64(0).fixedHex("0000000000000000"));
        args(49, w -> stateid(w.u64(0).u64(100).bool(false)).bool(true).u64(100).bool(true).u64(5).u32(0)
                .u32(1).opaqueHex("aa"));
        args(49, w -> stateid(w.u64(0).u64(100).bool(false)).bool(false).bool(false).u32(1).u32(0));
        args(50, w -> stateid(w.bool(false).u32(1).u32(2).u64(0).u64(-1).u64(4096)).u32(65536));
        args(51, w -> stateid(w.bool(false).u32(1).u32(3).u32(1).u64(0).u64(-1)).opaqueHex("bb"));
        args(51, w -> w.bool(false).u32(1).u32(3).u32(3));
        args(52, w -> w.u32(1));
        args(53, w -> w.fixedHex(Wire.SESSION).u32(7).u32(0).u32(15).bool(true));
        args(54, w -> w.opaqueHex("0102").opaqueHex("0304"));
        args(55, w -> stateid(stateid(w.u32(2)), 2, "0c0b0a090807060504030201"));
        args(55, w -> w.u32(0));
        args(56, w -> w.u32(0x100).u32(1).u32(1));
        args(56, w -> w.u32(0x100).u32(4));
        args(57, w -> w.u64(9));
        args(58, w -> w.bool(false));
        args(59, w -> stateid(w).u64(0).u64(4096));
        args(60, w -> netloc(netloc(netloc(stateid(stateid(w)).u64(0).u64(0).u64(100).bool(false).bool(true)
                .u32(3), 1), 2), 3));
        args(61, w -> netloc(stateid(w), 3));
        args(62, w -> stateid(w).u64(0).u64(4096));
        args(63, w -> stateid(w).u64(0).u64(4096).u32(1).u32(0x6));
        args(64, w -> stateid(w.u64(0).u64(10)).u32(1).fixedHex(Wire.SESSION).u32(10005).u32(25));
        args(65, w -> stateid(w.u64(0).u64(10)).u64(1).u64(2).u64(3).u64(4).fixedHex(Wire.SESSION).u32(1)
                .opaqueHex("cc"));
        args(66, w -> stateid(w));
        args(67, w -> stateid(w));
        args(68, w -> stateid(w).u64(0).u32(4096));
        args(69, w -> stateid(w).u64(0).u32(1));
        args(70, w -> stateid(w).u32(1).u64(0).u64(512).u64(4).u64(0).u32(1).u64(0).opaqueHex("ff00ff"));
        args(71, w -> stateid(stateid(w)).u64(0).u64(0).u64(4096));
        args(72, w -> w.string("user.a"));
        args(73, w -> w.u32(0).string("user.a").opaqueHex("76616c7565"));
        args(74, w -> w.u64(0).u32(4096));
        args(75, w -> w.string("user.a"));

        statusOnly(7, 8, 15, 16, 17, 19, 22, 23, 24, 30, 31, 32, 36, 37, 39, 40, 44, 45, 57, 58, 59, 62, 64, 65, 66,
                71);
        res(3, w -> w.u32(OK).u32(0x3f).u32(0x1f));
        res(4, w -> stateid(w.u32(OK)));
        res(4, w -> w.u32(10026));
        res(5, w -> w.u32(OK).fixedHex("0102030405060708"));
        res(6, w -> changeInfo(w.u32(OK)).u32(1).u32(0x2));
        res(6, w -> w.u32(17));
        res(9, w -> fattr(w.u32(OK)));
        res(9, w -> w.u32(10032));
        res(10, w -> w.u32(OK).opaqueHex(Wire.FH));
        res(11, w -> changeInfo(w.u32(OK)));
        res(12, w -> stateid(w.u32(OK)));
        res(12, w -> owner(w.u32(10010).u64(0).u64(-1).u32(2), 0, ""));
        res(12, w -> w.u32(10026));
        res(13, w -> w.u32(OK));
        res(13, w -> owner(w.u32(10010).u64(0).u64(100).u32(1), 9, "6f"));
        res(14, w -> stateid(w.u32(OK)));
        res(18, w -> openOk(w).u32(0));
        res(18, w -> nfsace(stateid(openOk(w).u32(1)).bool(false)));
        res(18, w -> nfsace(stateid(openOk(w).u32(2)).bool(true).u32(1).u64(1 << 20)));
        res(18, w -> nfsace(stateid(openOk(w).u32(2)).bool(false).u32(2).u32(10).u32(512)));
        res(18, w -> openOk(w).u32(3).u32(7).bool(true));
        res(18, w -> openOk(w).u32(3).u32(0));
        res(18, w -> w.u32(10013));
        res(20, w -> stateid(w.u32(OK)));
        res(21, w -> stateid(w.u32(OK)));
        res(25, w -> w.u32(OK).bool(true).opaqueHex("0102030405"));
        res(25, w -> w.u32(OK).bool(false).u32(0));
        res(26, w -> fattr(fattr(w.u32(OK).fixedHex("0102030405060708").bool(true).u64(1).string("a")).bool(true)
                .u64(2).string("bb")).bool(false).bool(true));
        res(26, w -> w.u32(OK).fixedHex("0102030405060708").bool(false).bool(true));
        res(27, w -> w.u32(OK).string("target"));
        res(28, w -> changeInfo(w.u32(OK)));
        res(29, w -> changeInfo(changeInfo(w.u32(OK))));
        res(33, w -> w.u32(OK).u32(2).u32(1).u32(6).opaqueHex("2a864886f712010202").u32(0).u32(1));
        res(34, w -> w.u32(OK).u32(1).u32(0x10));
        res(34, w -> w.u32(10013).u32(0));
        res(35, w -> w.u32(OK).u64(0x6b02c03000000009L).fixedHex("0001020304050607"));
        res(35, w -> w.u32(10017).string("tcp").string("10.0.0.9.3.232"));
        res(38, w -> w.u32(OK).u32(5).u32(2).fixedHex("0001020304050607"));
        res(41, w -> w.u32(OK).fixedHex(Wire.SESSION).u32(3).bool(false));
        res(42, w -> implId(w.u32(OK).u64(9).u32(1).u32(0x10001).u32(0).u64(0).opaqueHex("6d616a6f72")
                .opaqueHex("73636f7065")));
        res(42, w -> w.u32(OK).u64(9).u32(1).u32(0).u32(1).u32(1).u32(1).u32(0).u64(0).opaqueHex("6d")
                .opaqueHex("73").u32(0));
        res(42, w -> w.u32(OK).u64(9).u32(1).u32(0).u32(2).u32(0).u32(0).u32(1).u32(2).u32(32).u32(16)
                .u32(1).opaqueHex("01").u64(0).opaqueHex("6d").opaqueHex("73").u32(0));
        res(43, w -> channel(channel(w.u32(OK).fixedHex(Wire.SESSION).u32(1).u32(2), true), false));
        res(46, w -> w.u32(OK).u32(0).fixedHex("0102030405060708").u32(1).fixedHex(Wire.OTHER).u32(0).u32(0)
                .u32(0));
        res(46, w -> w.u32(OK).u32(1).bool(true));
        res(47, w -> w.u32(OK).u32(1).opaqueHex("0102").u32(1).u32(6));
        res(47, w -> w.u32(10005).u32(8192));
        res(48, w -> w.u32(OK).u64(7).fixedHex("0102030405060708").u32(2).fixedHex(Wire.SESSION)
                .fixedHex(Wire.SESSION).bool(true));
        res(49, w -> w.u32(OK).bool(true).u64(4096));
        res(49, w -> w.u32(OK).bool(false));
        res(50, w -> stateid(w.u32(OK).bool(true)).u32(1).u64(0).u64(-1).u32(2).u32(1).opaqueHex("0102"));
        res(50, w -> w.u32(10058).bool(true));
        res(51, w -> stateid(w.u32(OK).bool(true)));
        res(51, w -> w.u32(OK).bool(false));
        res(52, w -> w.u32(OK).u32(1).u32(1));
        res(53, w -> w.u32(OK).fixedHex(Wire.SESSION).u32(7).u32(0).u32(15).u32(15).u32(0x40));
        res(53, w -> w.u32(10052));
        res(54, w -> w.u32(OK).opaqueHex("0102"));
        res(55, w -> w.u32(OK).u32(2).u32(0).u32(10025));
        res(56, w -> nfsace(stateid(w.u32(OK).u32(1)).bool(false)));
        res(60, w -> writeResponse(w.u32(OK), true).bool(true).bool(false));
        res(60, w -> w.u32(10094).bool(true).bool(true));
        res(61, w -> netloc(stateid(w.u32(OK).u64(90).u32(0)).u32(1), 1));
        res(63, w -> w.u32(OK).u32(1).u32(0x2));
        res(67, w -> w.u32(OK).u64(100).u32(1).u32(0));
        res(67, w -> w.u32(OK).u64(100).u32(0));
        res(68, w -> w.u32(OK).bool(true).u32(2).u32(0).u64(0).opaqueHex("010203").u32(1).u64(3).u64(100));
        res(69, w -> w.u32(OK).bool(false).u64(4096));
        res(70, w -> writeResponse(w.u32(OK), false));
        res(72, w -> w.u32(OK).opaqueHex("76616c7565"));
        res(73, w -> changeInfo(w.u32(OK)));
        res(74, w -> w.u32(OK).u64(3).u32(2).string("user.a").string("user.b").bool(true));
        res(75, w -> changeInfo(w.u32(OK)));
        res(10044, w -> w.u32(10044));
    }

    private static List<Integer> allOpcodes() {
        List<Integer> ops = new ArrayList<>(IntStream.rangeClosed(3, 75).boxed().toList());
        ops.add(10044);
        return ops;
    }

    @Test
    void everyOperationHasArgumentsAndResults() {
        assertEquals(allOpcodes(), new ArrayList<>(new TreeSet<>(ARGS.keySet())));
        assertEquals(allOpcodes(), new ArrayList<>(new TreeSet<>(RESULTS.keySet())));
    }

    @TestFactory
    Stream<DynamicTest> argumentsAreReadToTheirLastByte() {
        return ARGS.entrySet().stream().flatMap(e -> e.getValue().stream().map(body -> {
            int opcode = e.getKey();
            return DynamicTest.dynamicTest(Nfs4Names.op(opcode), () -> {
                Compound c = Wire.call(2, Wire.op(opcode, body), Wire.op(22, w -> w.opaqueHex(MARK)));
                assertNull(c.damage(), c::toString);
                assertEquals(2, c.ops().size());
                assertEquals(opcode, c.ops().get(0).opcode());
                assertEquals(Nfs4Names.op(opcode), c.ops().get(0).name());
                assertEquals(new PutFh(MARK), c.ops().get(1));
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> resultsAreReadToTheirLastByte() {
        return RESULTS.entrySet().stream().flatMap(e -> e.getValue().stream().map(body -> {
            int opcode = e.getKey();
            return DynamicTest.dynamicTest(Nfs4Names.op(opcode), () -> {
                CompoundResult c = Wire.reply(0, Wire.op(opcode, body), Wire.op(10, w -> w.u32(0).opaqueHex(MARK)));
                assertNull(c.damage(), c::toString);
                assertEquals(2, c.results().size());
                assertEquals(opcode, c.results().get(0).opcode());
                assertEquals(new GetFh.Result(0, MARK), c.results().get(1));
            });
        }));
    }
}
