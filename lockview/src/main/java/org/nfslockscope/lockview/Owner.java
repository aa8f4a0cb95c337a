package org.nfslockscope.lockview;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A lock-owner, the unit that holds locks and between which locks conflict
 * (protocol-notes §2.5). Its identity is an opaque {@link #key()}; the {@link #label()} is
 * for people and plays no part in equality. Two lock-owners of the same client are
 * different owners and do conflict.
 *
 * <p>NFSv4 identifies a lock-owner by (clientid, owner bytes) [RFC 7530 §9.1.5]; NLM by
 * (caller host, svid, oh). The factories build keys that cannot collide across protocols.
 */
public record Owner(String key, String label) implements Comparable<Owner> {

    public Owner {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
    }

    /** An NFSv4 lock-owner: the server's clientid and the client's owner bytes. */
    public static Owner nfs4(long clientId, byte[] ownerBytes) {
        String digits = Long.toHexString(clientId); // as "%016x" prints it, without the formatter
        String clientHex = "0x" + "0000000000000000".substring(digits.length()) + digits;
        String ownerHex = HexFormat.of().formatHex(ownerBytes);
        return new Owner("nfs4/" + clientHex + "/" + ownerHex, clientHex + " owner " + ownerHex);
    }

    /**
     * An NLM lock-owner: the caller name, the process id on the client ({@code svid}) and the
     * opaque owner handle {@code oh}. Linux lockd matches owners on (host, svid); oh is kept in
     * the key so that clients that vary it per process are not merged.
     */
    public static Owner nlm(String callerName, int svid, byte[] oh) {
        String ohHex = HexFormat.of().formatHex(oh);
        return new Owner("nlm/" + callerName + "/" + Integer.toUnsignedString(svid) + "/" + ohHex,
                callerName + " svid " + Integer.toUnsignedString(svid));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Owner other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** Orders by key, so that reports and cycles come out in the same order on every run. */
    @Override
    public int compareTo(Owner other) {
        return key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return label;
    }
}
