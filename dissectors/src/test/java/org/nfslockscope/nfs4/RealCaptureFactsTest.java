package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.diag.DiagnosticSink;
import org.nfslockscope.pipeline.RpcPipeline;
import org.nfslockscope.testing.TestCaptures;

/** Facts from ../shared/captures/README.md, checked on our decoding of the real captures. */
class RealCaptureFactsTest {

    private static Map<Long, DecodedBody> decode(String name) throws IOException {
        Path p = TestCaptures.sharedCapture(name);
        Assumptions.assumeTrue(p != null && Files.exists(p), "shared captures are not beside the project");
        Decoders decoders = Decoders.standard();
        Map<Long, DecodedBody> frames = new HashMap<>();
        RpcPipeline.run(p, e -> {
            DecodedBody b = decoders.decode(e);
            if (b != null) {
                frames.put(e.frame(), b);
            }
        }, DiagnosticSink.IGNORE);
        return frames;
    }

    private static <T> T op(DecodedBody body, Class<T> type) {
        Compound c = assertInstanceOf(Compound.class, body);
        assertNull(c.damage());
        return c.ops().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static <T> T result(DecodedBody body, Class<T> type) {
        CompoundResult c = assertInstanceOf(CompoundResult.class, body);
        assertNull(c.damage());
        return c.results().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void singleV40LockLifecycle() throws IOException {
        Map<Long, DecodedBody> f = decode("v40-single-pynfs.pcap");
        assertEquals(0, op(f.get(45L), Open.class).seqid());
        Lock lock = op(f.get(49L), Lock.class);
        assertEquals(2, lock.locktype());
        assertEquals(0, lock.offset());
        assertEquals(100, lock.length());
        Lock.OpenToLockOwner locker = assertInstanceOf(Lock.OpenToLockOwner.class, lock.locker());
        assertEquals(2, locker.openSeqid());
        assertEquals(0, locker.lockSeqid());
        assertEquals("st_zlockscope.py:_lock", ((Compound) f.get(49L)).tag());
        CompoundResult reply = (CompoundResult) f.get(50L);
        assertEquals(0, reply.status());
        assertEquals(List.of("PUTFH", "LOCK"), reply.results().stream().map(Nfs4Result::name).toList());
        assertEquals(1, op(f.get(51L), LockU.class).seqid());
        assertEquals(0, ((CompoundResult) f.get(54L)).status());
    }

    @Test
    void contentionDeniedNamesTheHolder() throws IOException {
        Map<Long, DecodedBody> f = decode("v40-pynfs-contention-LOCK15.pcap");
        Lock held = op(f.get(59L), Lock.class);
        StateOwner holder = ((Lock.OpenToLockOwner) held.locker()).lockOwner();
        Lock.Result denied = result(f.get(62L), Lock.Result.class);
        assertEquals(10010, denied.status());
        assertEquals(holder, denied.denied().owner());
        assertEquals(0, result(f.get(66L), Lock.Result.class).status());
    }

    @Test
    void serverRestartReclaimAndGrace() throws IOException {
        Map<Long, DecodedBody> f = decode("v40-server-restart-grace.pcap");
        assertEquals(10022, ((CompoundResult) f.get(86L)).status());
        assertEquals(10023, ((CompoundResult) f.get(88L)).status());
        assertEquals(Open.CLAIM_NULL, op(f.get(100L), Open.class).claim().type());
        assertEquals(10013, ((CompoundResult) f.get(101L)).status());
        assertTrue(op(f.get(106L), Open.class).claim().isReclaim());
        assertEquals(0, ((CompoundResult) f.get(107L)).status());
        assertTrue(op(f.get(108L), Lock.class).reclaim());
        Lock nonReclaim = op(f.get(110L), Lock.class);
        assertEquals(200, nonReclaim.offset());
        assertEquals(10, nonReclaim.length());
        assertEquals(10013, ((CompoundResult) f.get(111L)).status());
        assertEquals(10033, ((CompoundResult) f.get(181L)).status());
        assertEquals(10026, ((CompoundResult) f.get(183L)).status());
        assertEquals(15, result(f.get(113L), GetAttr.Result.class).leaseTime());
    }

    @Test
    void openDowngradeCarryingALockStateid() throws IOException {
        Map<Long, DecodedBody> f = decode("v40-pynfs-st_lock.pcap");
        OpenDowngrade d = op(f.get(272L), OpenDowngrade.class);
        assertEquals("150000004fbd026b12000000", d.openStateid().otherHex());
        assertEquals(4, d.seqid());
        assertEquals(10026, ((CompoundResult) f.get(273L)).status());
    }

    @Test
    void sessionsV41() throws IOException {
        Map<Long, DecodedBody> f = decode("v41-single.pcap");
        ExchangeId.Result ex = result(f.get(50L), ExchangeId.Result.class);
        CreateSession cs = op(f.get(53L), CreateSession.class);
        assertEquals(ex.clientid(), cs.clientid());
        assertEquals(ex.sequenceid(), cs.sequenceid());
        CreateSession.Result created = result(f.get(54L), CreateSession.Result.class);
        Compound lock = (Compound) f.get(65L);
        assertEquals(List.of("SEQUENCE", "PUTFH", "LOCK"), lock.ops().stream().map(Nfs4Op::name).toList());
        assertEquals(created.sessionid(), op(lock, Sequence.class).sessionid());
        assertEquals(2, lock.minorVersion()); // pynfs's 4.1 suite speaks minor version 2 (tshark agrees)
        assertEquals(0, ((CompoundResult) f.get(66L)).status());
        Map<Long, DecodedBody> c = decode("v41-contention.pcap");
        assertEquals(10010, result(c.get(90L), LockT.Result.class).status());
        assertEquals(0, result(c.get(98L), Lock.Result.class).status());
    }
}
