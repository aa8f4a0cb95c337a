package org.nfslockscope.lockview;

import java.util.Objects;

/**
 * Where a held piece of lock came from: when it was granted, in which frame, how sure the
 * view is of it and through which protocol.
 *
 * @param sinceNanos capture time of the grant, nanoseconds since the epoch
 * @param frame      the frame number (as Wireshark counts) of the reply or callback that granted it
 * @param knowledge  KNOWN when call and reply were seen, INFERRED otherwise
 * @param protocol   NFS4 or NLM
 */
public record Grant(long sinceNanos, long frame, Knowledge knowledge, Protocol protocol) {

    public Grant {
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(protocol, "protocol");
    }

    /** The same grant with other knowledge. */
    public Grant withKnowledge(Knowledge newKnowledge) {
        return new Grant(sinceNanos, frame, newKnowledge, protocol);
    }

    /**
     * The metadata of two pieces merged into one. The owner has held the merged bytes
     * (in part) since the earlier grant, so that grant's time and frame stay; knowledge is the
     * weaker of the two, because part of the merged range may rest on it ({@link FileLocks}
     * refines this when one grant covers the other's bytes).
     */
    public Grant mergedWith(Grant other) {
        Grant earlier = sinceNanos <= other.sinceNanos ? this : other;
        return new Grant(earlier.sinceNanos, earlier.frame, knowledge.weakest(other.knowledge), earlier.protocol);
    }
}
