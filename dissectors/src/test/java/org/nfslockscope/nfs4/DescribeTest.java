package org.nfslockscope.nfs4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nfslockscope.nfs4.Wire.OTHER;
import static org.nfslockscope.nfs4.Wire.owner;
import static org.nfslockscope.nfs4.Wire.stateid;

import org.junit.jupiter.api.Test;
import org.nfslockscope.testing.XdrWriter;
import org.nfslockscope.xdr.XdrReader;

/** The dump --format jsonl fields of COMPOUND calls and replies. */
class DescribeTest {

    @Test
    void lockCall() {
        XdrWriter w = Wire.callHeader("st:_lock", 0, 2)
                .raw(Wire.op(22, x -> x.opaqueHex("abcd")))
                .raw(Wire.op(12, x -> owner(stateid(x.u32(2).bool(false).u64(0).u64(100).bool(true).u32(2), 2, OTHER)
                        .u32(0), 0x6b02c03000000009L, "6c6f")));
        assertEquals("{\"minorVersion\":0,\"tag\":\"st:_lock\",\"ops\":[\"PUTFH\",\"LOCK\"],\"args\":["
                + "{\"op\":\"PUTFH\",\"fh\":\"abcd\"},"
                + "{\"op\":\"LOCK\",\"locktype\":\"WRITE_LT\",\"reclaim\":false,\"offset\":0,\"length\":100,"
                + "\"newLockOwner\":true,\"openSeqid\":2,\"stateid\":{\"seqid\":2,\"other\":\"" + OTHER + "\"},"
                + "\"lockSeqid\":0,\"clientid\":\"0x6b02c03000000009\",\"owner\":\"6c6f\"}]}",
                JsonFields.of(Nfs4Decoder.compound(new XdrReader(w.buffer()))));
    }

    @Test
    void emptyTagIsLeftOutAndLengthToEofIsAString() {
        XdrWriter w = Wire.callHeader("", 1, 1)
                .raw(Wire.op(14, x -> stateid(x.u32(1).u32(5), 1, OTHER).u64(-2).u64(-1)));
        assertEquals("{\"minorVersion\":1,\"ops\":[\"LOCKU\"],\"args\":[{\"op\":\"LOCKU\",\"locktype\":\"READ_LT\","
                + "\"seqid\":5,\"stateid\":{\"seqid\":1,\"other\":\"" + OTHER + "\"},"
                + "\"offset\":\"18446744073709551614\",\"length\":\"EOF\"}]}",
                JsonFields.of(Nfs4Decoder.compound(new XdrReader(w.buffer()))));
    }

    @Test
    void deniedReply() {
        CompoundResult r = Wire.reply(10010, Wire.status(22, 0),
                Wire.op(12, x -> owner(x.u32(10010).u64(0).u64(-1).u32(2), 0x10L, "6f")));
        assertEquals("{\"status\":\"NFS4ERR_DENIED\",\"statusCode\":10010,\"tag\":\"t\",\"ops\":[\"PUTFH\",\"LOCK\"],"
                + "\"results\":[{\"op\":\"PUTFH\",\"status\":\"NFS4_OK\"},{\"op\":\"LOCK\",\"status\":\"NFS4ERR_DENIED\","
                + "\"denied\":{\"offset\":0,\"length\":\"EOF\",\"locktype\":\"WRITE_LT\","
                + "\"clientid\":\"0x0000000000000010\",\"owner\":\"6f\"}}]}", JsonFields.of(r));
    }

    @Test
    void sequenceAndLeaseTime() {
        CompoundResult r = Wire.reply(0,
                Wire.op(53, x -> x.u32(0).fixedHex(Wire.SESSION).u32(7).u32(0).u32(9).u32(9).u32(0x40)),
                Wire.op(9, x -> x.u32(0).u32(1).u32(1 << 10).opaque(new XdrWriter().u32(90).bytes())));
        assertEquals("{\"status\":\"NFS4_OK\",\"statusCode\":0,\"tag\":\"t\",\"ops\":[\"SEQUENCE\",\"GETATTR\"],"
                + "\"results\":[{\"op\":\"SEQUENCE\",\"status\":\"NFS4_OK\",\"sessionid\":\"" + Wire.SESSION + "\","
                + "\"sequenceid\":7,\"slotid\":0,\"highestSlotid\":9,\"targetHighestSlotid\":9,\"statusFlags\":64},"
                + "{\"op\":\"GETATTR\",\"status\":\"NFS4_OK\",\"leaseTime\":90}]}", JsonFields.of(r));
    }

    @Test
    void openClaimPreviousAndCallbackNames() {
        Compound c = Wire.call(0, Wire.op(18, x -> owner(x.u32(0).u32(3).u32(0), 9, "6f").u32(0).u32(1).u32(0)));
        assertEquals("{\"minorVersion\":0,\"tag\":\"t\",\"ops\":[\"OPEN\"],\"args\":[{\"op\":\"OPEN\",\"seqid\":0,"
                + "\"shareAccess\":3,\"shareDeny\":0,\"clientid\":\"0x0000000000000009\",\"owner\":\"6f\","
                + "\"claim\":\"CLAIM_PREVIOUS\",\"delegateType\":\"OPEN_DELEGATE_NONE\"}]}", JsonFields.of(c));
        CbCompound cb = Wire.cbCall(0, 1, Wire.op(8, x -> x.u32(0).u32(0)), Wire.op(10044, x -> { }));
        assertEquals("{\"minorVersion\":0,\"tag\":\"cb\",\"callbackIdent\":1,\"ops\":[\"CB_RECALL_ANY\",\"CB_ILLEGAL\"],"
                + "\"args\":[{\"op\":\"CB_RECALL_ANY\"},{\"op\":\"CB_ILLEGAL\"}]}", JsonFields.of(cb));
    }

    @Test
    void namesMatchTheDumpContract() {
        assertEquals("RELEASE_LOCKOWNER", Nfs4Names.op(39));
        assertEquals("ILLEGAL", Nfs4Names.op(10044));
        assertEquals("REMOVEXATTR", Nfs4Names.op(75));
        assertEquals("NFS4ERR_CLIENTID_BUSY", Nfs4Names.status(10074));
        assertEquals("NFS4ERR_XATTR2BIG", Nfs4Names.status(10096));
        assertEquals("NFS4ERR_HASH_ALG_UNSUPP", Nfs4Names.status(10072));
        assertEquals("10073", Nfs4Names.status(10073));
        assertEquals("CB_OFFLOAD", Nfs4Names.cbOp(15));
    }
}
