package org.nfslockscope.lockview;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change of the lock view, in the order the view learns it (frame order): what a timeline
 * draws and what {@code analyze --format jsonl} streams. Every event names the frame in which
 * the view learned it ({@link #frame()}); {@link #timeNanos()} is when it happened on the wire,
 * which for a release counted from its request may be a little earlier than that frame.
 *
 * <p>Servers are host addresses and files the "0x" file handle, as in the lock view's
 * tables; clients are "ip:port" of the requester when known.
 */
public sealed interface LockEvent {

    long frame();

    long timeNanos();

    String server();

    /** The lock concerned, or null for server-wide events (restart, grace). */
    default Lock lock() {
        return null;
    }

    /** The name of the event in JSON lines, e.g. "lock-granted". */
    String kind();

    /** The JSON-lines form: {@code {"event": kind, "frame": ..., "time": ..., ...}}; absent fields are left out. */
    default Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", kind());
        m.put("frame", frame());
        m.put("time", Instant.ofEpochSecond(0, timeNanos()).toString());
        m.put("server", server());
        details(m);
        return m;
    }

    /** The fields particular to each event. */
    void details(Map<String, Object> json);

    /** What a lock event says about a lock: whose, on which file, which bytes. */
    record Lock(String file, String owner, String client, Protocol protocol, LockType type, ByteRange range) {
        void put(Map<String, Object> m) {
            m.put("file", file);
            m.put("owner", owner);
            if (client != null) {
                m.put("client", client);
            }
            if (protocol != null) {
                m.put("protocol", protocol.name().toLowerCase());
            }
            m.put("type", type.name());
            m.put("range", range.toJson());
        }
    }

    /** Why a held piece ended. */
    enum ReleaseCause {
        /** The owner or its client gave it up (unlock, close, free, reboot notice, refused callback). */
        RELEASED,
        /** The server restarted and lost it; the owner may reclaim it in grace. */
        SERVER_RESTART;

        String jsonName() {
            return this == RELEASED ? "released" : "server-restart";
        }
    }

    /** The server granted a lock (reply, or NLM GRANTED callback); reclaims too. */
    record LockGranted(long frame, long timeNanos, String server, Lock lock, long requestFrame)
            implements LockEvent {
        @Override
        public String kind() {
            return "lock-granted";
        }

        @Override
        public void details(Map<String, Object> m) {
            lock.put(m);
            m.put("requestFrame", requestFrame);
        }
    }

    /**
     * A held piece ended. {@code grantFrame} is the frame of the grant it came from (the
     * earliest one when grants merged); {@code ownerStillHolds} says whether the owner keeps
     * other bytes of the file, so a timeline knows when a hold ends.
     */
    record LockReleased(long frame, long timeNanos, String server, Lock lock, long grantFrame, long grantNanos,
                        ReleaseCause cause, boolean ownerStillHolds) implements LockEvent {
        @Override
        public String kind() {
            return "lock-released";
        }

        @Override
        public void details(Map<String, Object> m) {
            lock.put(m);
            m.put("grantFrame", grantFrame);
            m.put("cause", cause.jsonName());
            m.put("ownerStillHolds", ownerStillHolds);
        }
    }

    /** A lock request was refused because another owner holds a conflicting lock. */
    record LockDenied(long frame, long timeNanos, String server, Lock lock, long requestFrame)
            implements LockEvent {
        @Override
        public String kind() {
            return "lock-denied";
        }

        @Override
        public void details(Map<String, Object> m) {
            lock.put(m);
            m.put("requestFrame", requestFrame);
        }
    }

    /** An owner started waiting for a lock (NLM BLOCKED); {@code blockedBy} are the holders' labels. */
    record WaitStarted(long frame, long timeNanos, String server, Lock lock, long sinceNanos, List<String> blockedBy)
            implements LockEvent {
        public WaitStarted {
            blockedBy = List.copyOf(blockedBy);
        }

        @Override
        public String kind() {
            return "wait-started";
        }

        @Override
        public void details(Map<String, Object> m) {
            lock.put(m);
            m.put("since", Instant.ofEpochSecond(0, sinceNanos).toString());
            m.put("blockedBy", blockedBy);
        }
    }

    /** A wait ended: granted, cancelled, or its client went away. */
    record WaitEnded(long frame, long timeNanos, String server, Lock lock, long waitFrame) implements LockEvent {
        @Override
        public String kind() {
            return "wait-ended";
        }

        @Override
        public void details(Map<String, Object> m) {
            lock.put(m);
            m.put("waitFrame", waitFrame);
        }
    }

    /** The server started a new instance (epoch), losing its locks. */
    record ServerRestarted(long frame, long timeNanos, String server, int epoch) implements LockEvent {
        @Override
        public String kind() {
            return "server-restarted";
        }

        @Override
        public void details(Map<String, Object> m) {
            m.put("epoch", epoch);
        }
    }

    /** Grace began: at a restart, or at the first grace refusal when the capture starts in grace. */
    record GraceStarted(long frame, long timeNanos, String server, int epoch) implements LockEvent {
        @Override
        public String kind() {
            return "grace-started";
        }

        @Override
        public void details(Map<String, Object> m) {
            m.put("epoch", epoch);
        }
    }

    /** Grace ended as seen on the wire: the first normal answer to a non-reclaim request. */
    record GraceEnded(long frame, long timeNanos, String server, int epoch) implements LockEvent {
        @Override
        public String kind() {
            return "grace-ended";
        }

        @Override
        public void details(Map<String, Object> m) {
            m.put("epoch", epoch);
        }
    }

    /**
     * A reclaim was answered: {@code granted} or refused, and {@code late} when it was sent
     * after the grace end seen on the wire.
     */
    record Reclaimed(long frame, long timeNanos, String server, Lock lock, long requestFrame, boolean granted,
                     boolean late) implements LockEvent {
        @Override
        public String kind() {
            return "reclaim";
        }

        @Override
        public void details(Map<String, Object> m) {
            lock.put(m);
            m.put("requestFrame", requestFrame);
            m.put("granted", granted);
            m.put("late", late);
        }
    }
}
