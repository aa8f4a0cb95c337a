package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.nfslockscope.rpc.RpcHeaders;
import org.nfslockscope.rpc.RpcMessage;
import org.nfslockscope.xdr.XdrException;

/**
 * RPC call and reply headers. {@link RpcHeaders#parse} may refuse a record only with an
 * XdrException, and what it returns must point inside the record; the resynchronisation
 * heuristics must answer for any window without reading past it.
 */
class RpcHeaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] record) {
        ByteBuffer b = ByteBuffer.wrap(record);
        try {
            RpcMessage m = RpcHeaders.parse(b.duplicate());
            if (m.bodyOffset() < 0 || m.bodyOffset() > record.length) {
                throw new AssertionError("body offset " + m.bodyOffset() + " outside " + record.length + " bytes");
            }
        } catch (XdrException expected) {
            // the documented refusal
        }
        for (int at = 0; at < Math.min(record.length, 16); at += 4) {
            int avail = record.length - at;
            RpcHeaders.plausibleCall(b, at, avail);
            RpcHeaders.plausibleReply(b, at, avail);
        }
    }
}
