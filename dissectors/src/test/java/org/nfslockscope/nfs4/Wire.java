package org.nfslockscope.nfs4;

import java.util.function.Consumer;
import org.nfslockscope.testing.XdrWriter;
import org.nfslockscope.xdr.XdrReader;

/** Builds NFSv4 XDR for tests and decodes it through the same entry points the decoder uses. */
final class Wire {
    static final String OTHER = "0102030405060708090a0b0c";
    static final String SESSION = "00112233445566778899aabbccddeeff";
    static final String FH = "cafe0001cafe0002";

    private Wire() {
    }

    static XdrWriter stateid(XdrWriter w, int seqid, String other) {
        return w.u32(seqid).fixedHex(other);
    }

    static XdrWriter stateid(XdrWriter w) {
        return stateid(w, 1, OTHER);
    }

    static XdrWriter owner(XdrWriter w, long clientid, String ownerHex) {
        return w.u64(clientid).opaqueHex(ownerHex);
    }

    /** fattr4 with size (attribute 4) set to 4096. */
    static XdrWriter fattr(XdrWriter w) {
        return w.u32(1).u32(1 << 4).opaque(new XdrWriter().u64(4096).bytes());
    }

    static XdrWriter changeInfo(XdrWriter w) {
        return w.bool(true).u64(1).u64(2);
    }

    /** One operation or result: its opcode, then whatever {@code body} writes. */
    static byte[] op(int opcode, Consumer<XdrWriter> body) {
        XdrWriter w = new XdrWriter().u32(opcode);
        body.accept(w);
        return w.bytes();
    }

    static byte[] status(int opcode, int status) {
        return op(opcode, w -> w.u32(status));
    }

    static XdrWriter callHeader(String tag, int minor, int count) {
        return new XdrWriter().string(tag).u32(minor).u32(count);
    }

    static Compound call(int minor, byte[]... ops) {
        XdrWriter w = callHeader("t", minor, ops.length);
        for (byte[] o : ops) {
            w.raw(o);
        }
        return Nfs4Decoder.compound(new XdrReader(w.buffer()));
    }

    static CompoundResult reply(int status, byte[]... results) {
        XdrWriter w = new XdrWriter().u32(status).string("t").u32(results.length);
        for (byte[] r : results) {
            w.raw(r);
        }
        return Nfs4Decoder.compoundResult(new XdrReader(w.buffer()));
    }

    static CbCompound cbCall(int minor, int ident, byte[]... ops) {
        XdrWriter w = new XdrWriter().string("cb").u32(minor).u32(ident).u32(ops.length);
        for (byte[] o : ops) {
            w.raw(o);
        }
        return Nfs4Decoder.cbCompound(new XdrReader(w.buffer()));
    }

    static CbCompoundResult cbReply(int status, byte[]... results) {
        XdrWriter w = new XdrWriter().u32(status).string("cb").u32(results.length);
        for (byte[] r : results) {
            w.raw(r);
        }
        return Nfs4Decoder.cbCompoundResult(new XdrReader(w.buffer()));
    }
}
