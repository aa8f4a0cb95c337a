package org.nfslockscope.analysis;

import org.nfslockscope.net.Endpoint;

/**
 * The host texts and file labels the lock view asks for on every message. Building them anew cost
 * a concatenation each time and, as map keys, hashing the new text; a capture names few hosts and
 * few files over and over, so a small direct-mapped table hands back the same instance (whose hash
 * is then computed once). A miss just replaces the slot, so memory stays fixed. Entries are
 * immutable, so a reader on another thread sees an old or a new entry whole; a race costs a miss.
 */
final class Texts {
    private static final int SLOTS = 1 << 10;

    private record Host(Endpoint endpoint, String text) {
    }

    private record Label(String fh, String text) {
    }

    private record Id(String server, String fh, String text) {
    }

    private static final Host[] HOSTS = new Host[SLOTS];
    private static final Host[] TEXTS = new Host[SLOTS];
    private static final Label[] LABELS = new Label[SLOTS];
    private static final Id[] IDS = new Id[SLOTS];

    private Texts() {
    }

    /** {@link Endpoint#host()}, shared: the text depends on the address alone. */
    static String host(Endpoint e) {
        int slot = spread(e.hashCode());
        Host h = HOSTS[slot];
        if (h != null && (h.endpoint == e || h.endpoint.equals(e))) {
            return h.text;
        }
        String text = e.host();
        HOSTS[slot] = new Host(e, text);
        return text;
    }

    /** {@link Endpoint#toString()} ("host:port"), shared. */
    static String text(Endpoint e) {
        int slot = spread(e.hashCode());
        Host h = TEXTS[slot];
        if (h != null && (h.endpoint == e || h.endpoint.equals(e))) {
            return h.text;
        }
        String text = e.toString();
        TEXTS[slot] = new Host(e, text);
        return text;
    }

    /** "0x" and the handle: how reports name a file. */
    static String label(String fh) {
        if (fh == null) {
            return "0x" + fh;
        }
        int slot = spread(fh.hashCode());
        Label l = LABELS[slot];
        if (l != null && (l.fh == fh || l.fh.equals(fh))) {
            return l.text;
        }
        String text = "0x" + fh;
        LABELS[slot] = new Label(fh, text);
        return text;
    }

    /** Server, "/0x" and the handle: how the lock-view structures key a file. */
    static String id(String server, String fh) {
        if (server == null || fh == null) {
            return server + "/0x" + fh;
        }
        int slot = spread(server.hashCode() * 31 + fh.hashCode());
        Id i = IDS[slot];
        if (i != null && (i.fh == fh || i.fh.equals(fh)) && (i.server == server || i.server.equals(server))) {
            return i.text;
        }
        String text = server + "/0x" + fh;
        IDS[slot] = new Id(server, fh, text);
        return text;
    }

    private static int spread(int h) {
        return (h * 0x9e3779b1 >>> 22) & (SLOTS - 1);
    }
}
