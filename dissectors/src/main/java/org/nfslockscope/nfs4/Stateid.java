package org.nfslockscope.nfs4;

import org.nfslockscope.decode.FieldWriter;
import org.nfslockscope.xdr.XdrReader;

/** stateid4: {@code seqid} versions the lock set that the 12-byte {@code other} names. */
public record Stateid(int seqid, String otherHex) {

    static Stateid read(XdrReader r) {
        int seqid = r.u32();
        return new Stateid(seqid, r.hexFixed(12));
    }

    void describe(String name, FieldWriter out) {
        out.beginObject(name).field("seqid", Integer.toUnsignedLong(seqid)).field("other", otherHex).endObject();
    }
}
