package org.nfslockscope.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * NFSv4.0 client identities: which clientid each nfs_client_id4 id string holds on a server, with
 * its boot verifier. A SETCLIENTID_CONFIRM for the same id with a new verifier means the client
 * rebooted, and the server drops all state of its previous clientid [RFC 7530 §9.1.1, §9.6.1; notes §1.7.9];
 * the same verifier only updates the callback, and the old state stays.
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
     * The clientid was confirmed. Returns the clientid of the same id string that the server
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
