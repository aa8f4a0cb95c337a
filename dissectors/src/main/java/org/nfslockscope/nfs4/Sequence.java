package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** SEQUENCE (53), RFC 8881 §18.46: the slot and sequence that make a 4.1 request exactly-once. */
public record Sequence(String sessionid, int sequenceid, int slotid, int highestSlotid, boolean cacheThis)
        implements Nfs4Op {
    public static final int OPCODE = 53;

    static Sequence read(XdrReader r) {
        String sessionid = Nfs4Xdr.sessionid(r);
        int seq = r.u32();
        int slot = r.u32();
        int highest = r.u32();
        return new Sequence(sessionid, seq, slot, highest, r.bool());
    }

    @Override
    public int opcode() {
        return OPCODE;
    }

    @Override
    public void describe(FieldWriter out) {
        describeSlot(out, sessionid, sequenceid, slotid, highestSlotid);
        out.field("cachethis", cacheThis);
    }

    static void describeSlot(FieldWriter out, String sessionid, int sequenceid, int slotid, int highest) {
        out.field("sessionid", sessionid);
        Nfs4Fields.unsigned(out, "sequenceid", sequenceid);
        Nfs4Fields.unsigned(out, "slotid", slotid);
        Nfs4Fields.unsigned(out, "highestSlotid", highest);
    }

    /** SEQUENCE4resok; {@code statusFlags} carries the state-revocation and restart bits. */
    public record Result(int status, String sessionid, int sequenceid, int slotid, int highestSlotid,
                         int targetHighestSlotid, int statusFlags) implements Nfs4Result {
        static Result read(int status, XdrReader r) {
            if (status != 0) {
                return new Result(status, null, 0, 0, 0, 0, 0);
            }
            String sessionid = Nfs4Xdr.sessionid(r);
            int seq = r.u32();
            int slot = r.u32();
            int highest = r.u32();
            int target = r.u32();
            return new Result(status, sessionid, seq, slot, highest, target, r.u32());
        }

        @Override
        public int opcode() {
            return OPCODE;
        }

        @Override
        public void describe(FieldWriter out) {
            if (sessionid == null) {
                return;
            }
            describeSlot(out, sessionid, sequenceid, slotid, highestSlotid);
            Nfs4Fields.unsigned(out, "targetHighestSlotid", targetHighestSlotid);
            Nfs4Fields.unsigned(out, "statusFlags", statusFlags);
        }
    }
}
