package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/**
 * CB_SEQUENCE (callback op 11), RFC 8881 §20.9: the first op of every 4.1 CB_COMPOUND; its
 * sessionid tells which client the callback is for. Referring-call lists are stepped over.
 */
public record CbSequence(String sessionid, int sequenceid, int slotid, int highestSlotid, boolean cacheThis)
        implements CbOp {
    public static final int OPCODE = 11;

    static CbSequence read(XdrReader r) {
        // CB_SEQUENCE4args starts with the same five fields as SEQUENCE4args.
        Sequence s = Sequence.read(r);
        // referring_call_list4: a sessionid and a list of (sequenceid, slotid) each.
        int lists = r.count(Nfs4Xdr.MAX_STRING, 20, "csa_referring_call_lists");
        for (int i = 0; i < lists; i++) {
            r.skip(Nfs4Xdr.NFS4_SESSIONID_SIZE);
            int calls = r.count(Nfs4Xdr.MAX_STRING, 8, "rcl_referring_calls");
            r.skip(8 * calls);
        }
        return new CbSequence(s.sessionid(), s.sequenceid(), s.slotid(), s.highestSlotid(), s.cacheThis());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        Sequence.describeSlot(out, sessionid, sequenceid, slotid, highestSlotid);
        out.field("cachethis", cacheThis);
    }

    /** CB_SEQUENCE4resok. */
    public record Result(int status, String sessionid, int sequenceid, int slotid, int highestSlotid,
                         int targetHighestSlotid) implements CbResult {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, null, 0, 0, 0, 0);
            }
            String sessionid = Nfs4Xdr.sessionid(r);
            int seq = r.u32();
            int slot = r.u32();
            int highest = r.u32();
            return new Result(status, sessionid, seq, slot, highest, r.u32());
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (sessionid != null) {
                Sequence.describeSlot(out, sessionid, sequenceid, slotid, highestSlotid);
                Nfs4Fields.unsigned(out, "targetHighestSlotid", targetHighestSlotid);
            }
        }
    }
}
