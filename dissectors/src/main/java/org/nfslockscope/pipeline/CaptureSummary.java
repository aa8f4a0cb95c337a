package org.nfslockscope.pipeline;

import org.nfslockscope.capture.CaptureFormat;
import org.nfslockscope.rpc.RpcStats;

/**
 * What one pass over a capture saw, apart from the messages themselves.
 *
 * @param firstTimeNanos time of the first frame, or -1 when there was none (likewise last)
 * @param limits         how often the net stage hit its memory bounds
 */
public record CaptureSummary(CaptureFormat format, long frames, long bytes, long firstTimeNanos,
                             long lastTimeNanos, long tcpConnections, long nonIpFrames, RpcStats rpc,
                             long diagnostics, org.nfslockscope.net.NetCounters limits) {
}
