package org.nfslockscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.nfslockscope.rpc.RecordFramer;
import org.nfslockscope.rpc.RpcHeaders;

/**
 * The record framer on one direction of a stream, fed in fuzzed chunks with fuzzed gaps (known
 * and unknown sizes) in between. A small record limit makes the oversize paths reachable.
 */
class RecordFramerFuzzTest {
    private static final int MAX_RECORD = 4096;

    @FuzzTest(maxDuration = "30s")
    void chunks(FuzzedDataProvider data) {
        Records records = new Records();
        RecordFramer framer = new RecordFramer(records, data.consumeBoolean(), MAX_RECORD);
        long frame = 0;
        long fed = 0;
        while (data.remainingBytes() > 0) {
            frame++;
            int what = data.consumeInt(0, 9);
            if (what == 0) {
                framer.gap(data.consumeBoolean() ? -1 : data.consumeLong(1, 1L << 33), frame, frame);
                continue;
            }
            byte[] chunk = data.consumeBytes(data.consumeInt(0, 2 * MAX_RECORD));
            fed += chunk.length;
            // A view at an offset into a larger array, as the reassembler hands them on.
            ByteBuffer b = ByteBuffer.allocate(chunk.length + 8).put(3, chunk, 0, chunk.length)
                    .slice(3, chunk.length);
            framer.feed(b, frame, frame);
            records.assertWithin(fed, frame);
        }
    }

    /** Checks every record against the limits and the bytes fed so far. */
    private static final class Records implements RecordFramer.Listener {
        private long bytes;
        private long lastFrame;

        @Override
        public void onRecord(ByteBuffer record, boolean complete, long frame, long timeNanos) {
            if (record.remaining() > MAX_RECORD) {
                throw new AssertionError("record of " + record.remaining() + " bytes over the limit");
            }
            if (frame < lastFrame) {
                throw new AssertionError("record in frame " + frame + " after one in " + lastFrame);
            }
            lastFrame = frame;
            bytes += record.remaining();
        }

        @Override
        public void onFramingProblem(String message, long frame) {
            if (frame <= 0) {
                throw new AssertionError("framing problem without a frame: " + message);
            }
        }

        @Override
        public boolean plausibleStart(ByteBuffer b, int at, int avail) {
            if (at < 0 || avail < 0 || at + avail > b.limit()) {
                throw new AssertionError("plausibleStart asked past the data: " + at + "+" + avail + " of " + b.limit());
            }
            return RpcHeaders.plausibleCall(b, at, avail) || RpcHeaders.plausibleReply(b, at, avail);
        }

        void assertWithin(long fed, long frame) {
            if (bytes > fed) {
                throw new AssertionError("records hold " + bytes + " bytes of " + fed + " fed (frame " + frame + ")");
            }
        }
    }
}
