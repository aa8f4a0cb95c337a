package org.nfslockscope.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * NFSv4 client identities: which clientid each nfs_client_id4 id string (4.0) or co_ownerid (4.1)
 * holds on a server, with its boot verifier. A SETCLIENTID_CONFIRM (4.0) or the first successful
 * CREATE_SESSION (4.1) for the same id with a new verifier means the client rebooted, and the
 * server drops all state of its previous clientid [RFC 7530 §9.1.1, §9.6.1; RFC 8881 §18.35;
 * notes §1.7.9, §1.7.10]; the same verifier only updates the record, and the old state stays.
 */
final class ClientRegistrations {
    private static final int MAX_IDS = 1 << 16;

    private record Registration(String id, String verifier, long clientid) {
    }

    /** SETCLIENTID answered and not yet confirmed, by server and clientid. */
    private final Map<String, Registration> offered = new LinkedHashMap<>();
    /** The confirmed registration of each id string, by server and id. */
    private final Map<String, Registration> confirmed = new LinkedHashMap<>();

    void offered(String server, String idHex, String verifier, long clientid) {
        offered.put(server + "|" + clientid, new Registration(idHex, verifier, clientid));
        Bounded.trim(offered, MAX_IDS);
    }

    /**
     * EXCHANGE_ID answered with {@code clientid}. 4.1 owners live apart from 4.0 id strings: a
     * host may mount with both, and the two are different clients to the server.
     */
    void exchanged(String server, String ownerIdHex, String verifier, long clientid) {
        offered(server, ownerIdHex == null ? null : "4.1:" + ownerIdHex, verifier, clientid);
    }

    /**
     * The clientid was confirmed (SETCLIENTID_CONFIRM, or CREATE_SESSION in 4.1). Returns the clientid of the same id string that the server
     * must now forget because the client rebooted, or null.
     */
    Long confirmed(String server, long clientid) {
        Registration r = offered.remove(server + "|" + clientid);
        if (r == null || r.id() == null || r.verifier() == null) {
            return null;
        }
        Registration before = confirmed.remove(server + "|" + r.id());
        confirmed.put(server + "|" + r.id(), r);
        Bounded.trim(confirmed, MAX_IDS);
        if (before != null && before.clientid() != clientid && !before.verifier().equals(r.verifier())) {
            return before.clientid();
        }
        return null;
    }

    /** The clients were retired: their registrations go too. */
    void forget(Set<Long> clientids) {
        offered.values().removeIf(r -> clientids.contains(r.clientid()));
        confirmed.values().removeIf(r -> clientids.contains(r.clientid()));
    }

    int size() {
        return offered.size() + confirmed.size();
    }
}
