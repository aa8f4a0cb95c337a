package org.nfslockscope.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nfslockscope.findings.Finding;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.findings.Severity;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;
import org.nfslockscope.lockview.Protocol;
import org.nfslockscope.nfs4.Close;
import org.nfslockscope.nfs4.Compound;
import org.nfslockscope.nfs4.CompoundResult;
import org.nfslockscope.nfs4.CreateSession;
import org.nfslockscope.nfs4.DestroyClientid;
import org.nfslockscope.nfs4.DestroySession;
import org.nfslockscope.nfs4.ExchangeId;
import org.nfslockscope.nfs4.FreeStateid;
import org.nfslockscope.nfs4.GetAttr;
import org.nfslockscope.nfs4.GetFh;
import org.nfslockscope.nfs4.Lock;
import org.nfslockscope.nfs4.LockT;
import org.nfslockscope.nfs4.LockU;
import org.nfslockscope.nfs4.Nfs4Names;
import org.nfslockscope.nfs4.Nfs4Op;
import org.nfslockscope.nfs4.Nfs4Result;
import org.nfslockscope.nfs4.Open;
import org.nfslockscope.nfs4.OpenConfirm;
import org.nfslockscope.nfs4.OpenDowngrade;
import org.nfslockscope.nfs4.PutFh;
import org.nfslockscope.nfs4.Read;
import org.nfslockscope.nfs4.ReclaimComplete;
import org.nfslockscope.nfs4.ReleaseLockowner;
import org.nfslockscope.nfs4.Renew;
import org.nfslockscope.nfs4.Sequence;
import org.nfslockscope.nfs4.SetAttr;
import org.nfslockscope.nfs4.SetClientId;
import org.nfslockscope.nfs4.SetClientIdConfirm;
import org.nfslockscope.nfs4.StateOwner;
import org.nfslockscope.nfs4.Stateid;
import org.nfslockscope.nfs4.Write;
import org.nfslockscope.rpc.Programs;

/**
 * The NFSv4 side of the lock view (notes §2.1–§2.8, §3.2–§3.6). It walks each COMPOUND's
 * results beside its operations, keeping the current filehandle, and learns clients, sessions,
 * stateids (with the file and owner they stand for), opens and byte-range locks from replies.
 * Status codes become findings where the catalog says so; server restarts and grace are learned
 * from STALE and GRACE answers and shared with NLM on the same host.
 */
final class Nfs4Tracker implements ProtocolTracker {
    static final int OK = 0;
    static final int DENIED = 10010;
    static final int EXPIRED = 10011;
    static final int GRACE = 10013;
    static final int STALE_CLIENTID = 10022;
    static final int STALE_STATEID = 10023;
    static final int OLD_STATEID = 10024;
    static final int BAD_STATEID = 10025;
    static final int BAD_SEQID = 10026;
    static final int NO_GRACE = 10033;
    static final int RECLAIM_BAD = 10034;
    static final int RECLAIM_CONFLICT = 10035;
    static final int BADSESSION = 10052;
    static final int COMPLETE_ALREADY = 10054;
    private static final int EXCHGID4_FLAG_CONFIRMED_R = 0x80000000;
    private static final int MAX_STATE = 1 << 18;
    /** How long a server may keep an expired client's state, Linux's courtesy limit (notes §4.21). */
    static final long COURTESY_NANOS = 24 * 3600 * Settings.SECOND;

    /** What a stateid stands for. */
    private static final class StateInfo {
        final boolean lock;
        final long clientid;
        /** Null for a stateid given back after its lock-owner was: the server forgot the owner (RFC 7530 §16.37). */
        final Owner owner;
        ViewState.FileKey file;
        final String parent;
        final int epoch;
        /**
         * For a stateid given back (read from {@link ReleasedStateids}, with no file or open): the
         * time and frame of the reply that did it; frame 0 for one in use.
         */
        long releasedNanos;
        long releasedFrame;

        StateInfo(boolean lock, long clientid, Owner owner, ViewState.FileKey file, String parent, int epoch) {
            this.lock = lock;
            this.clientid = clientid;
            this.owner = owner;
            this.file = file;
            this.parent = parent;
            this.epoch = epoch;
        }

        boolean released() {
            return releasedFrame > 0;
        }
    }

    /** A client ID as the capture saw it. */
    private static final class Client {
        final long clientid;
        final String server;
        final int epoch;
        String endpoint;
        long lastRenewCall = -1;
        long lastRenewFrame;
        /** When the capture last showed a request of this client, for retiring clients that went away. */
        long lastSeen;
        /** Its creation was seen, so we know whether it sent RECLAIM_COMPLETE (4.1). */
        boolean newlyEstablished;
        boolean reclaimComplete;
        boolean noReclaimCompleteReported;
        boolean staleSeen;
        int lastStatusFlags;
        /** When the server last gave one of its locks to another owner over a lapsed lease, or -1. */
        long lockLostNanos = -1;

        Client(long clientid, String server, int epoch) {
            this.clientid = clientid;
            this.server = server;
            this.epoch = epoch;
        }
    }

    /** A lapse that ended with an accepted request: the silence and where it began. */
    private record Lapse(Client client, long lastRenewFrame, long silentNanos) {
    }

    /** What one COMPOUND knows while its results are walked. */
    private final class Walk {
        final Call call;
        final Reply reply;
        final String server;
        final ServerState serverState;
        final int minor;
        String cfh;
        String saved;
        Client client;
        /** An OPEN whose file becomes known at the next GETFH. */
        StateInfo openWithoutFile;
        /** A session slot retry or an owner seqid replay: the server answers from its cache. */
        boolean replayed;
        /** A client whose lease had lapsed and whom this request renewed: judged when the walk ends. */
        Lapse lapse;
        /** The handle {@link #fileKey} was looked up for. */
        private String fileOf;
        private ViewState.FileKey fileKey;

        Walk(Call call, Reply reply, int minor) {
            this.call = call;
            this.reply = reply;
            this.server = Texts.host(call.msg().dst());
            this.serverState = view.server(server);
            this.minor = minor;
        }

        ViewState.FileKey file() {
            if (cfh == null) {
                return null;
            }
            // Several operations of one request ask for the same handle's key: look it up once.
            if (cfh != fileOf) {
                fileOf = cfh;
                fileKey = view.nfs4File(server, cfh);
            }
            return fileKey;
        }

        Finding.Builder finding(FindingType type, String message) {
            return view.finding(type, reply.frame(), reply.timeNanos(), message).evidence(call.frame())
                    .client(Texts.text(call.msg().src())).server(Texts.text(call.msg().dst()))
                    .clientId(client == null ? null : hex(client.clientid));
        }
    }

    private final ViewState view;
    /** The stateids in use, by "other". */
    private final Map<String, StateInfo> stateids = new LinkedHashMap<>();
    /** The stateids given back, for two leases. */
    private final ReleasedStateids released = new ReleasedStateids(MAX_STATE);
    /**
     * The lock stateids made from each open stateid (by "other"), in the order first seen, so
     * that a CLOSE finds the locks it frees without walking every stateid: walking them made a
     * capture of clients that open, lock and close many files quadratic (1 GB of lock40 with
     * CLOSE: 247 s). A listed stateid may since have gone or moved to another open; CLOSE
     * checks each against {@link #stateids}.
     */
    private final Map<String, List<String>> locksByOpen = new LinkedHashMap<>();
    /** The lock stateids of each lock-owner, likewise, for RELEASE_LOCKOWNER. */
    private final Map<Owner, List<String>> locksByOwner = new LinkedHashMap<>();
    private final Map<Long, Client> clients = new HashMap<>();
    private final Map<String, Long> sessions = new HashMap<>();
    private final Map<String, Long> leaseByServer = new HashMap<>();
    private final Map<Owner, Long> ownerClient = new HashMap<>();
    /** When each client host last sent a request under RPCSEC_GSS privacy. */
    private final Map<String, Long> opaqueAt = new LinkedHashMap<>();
    private final OwnerSequences sequences = new OwnerSequences();
    private final ReplayReplyRule replayReplies = new ReplayReplyRule();
    private final Nfs4ReclaimRule reclaims;
    private final OpenConfirmRule confirms;
    private final IoRangeRule ioRanges;
    private final SlotTables slots = new SlotTables();
    private final ClientRegistrations registrations = new ClientRegistrations();
    /** Every (server, client ID) the capture showed, for the summary's count; a set of small strings. */
    private final DistinctCount clientIdsSeen = new DistinctCount();

    Nfs4Tracker(ViewState view) {
        this.reclaims = new Nfs4ReclaimRule(view);
        this.ioRanges = new IoRangeRule(view);
        this.view = view;
        view.overExpired.judge(this::lapsed);
        this.confirms = new OpenConfirmRule(view, this::lease, id -> {
            Client c = clients.get(id);
            return c == null ? -1 : c.lastRenewCall;
        });
    }

    @Override
    public boolean follows(int program, int version) {
        return program == Programs.NFS && version == 4;
    }

    /** "0x%016x", spelled out: String.format cost more than the rest of a LOCK's handling. */
    static String hex(long clientid) {
        String digits = Long.toHexString(clientid);
        return "0x" + "0000000000000000".substring(digits.length()) + digits;
    }

    /** A clientid's text, by slot: each grant names its holder's, and a capture has few clients at a time. */
    private record ClientidText(long clientid, String text) {
    }

    private final ClientidText[] clientidTexts = new ClientidText[1 << 6];

    private String clientidText(long clientid) {
        int slot = (Long.hashCode(clientid) * 0x9e3779b1 >>> 26) & (clientidTexts.length - 1);
        ClientidText k = clientidTexts[slot];
        if (k != null && k.clientid == clientid) {
            return k.text;
        }
        String text = hex(clientid);
        clientidTexts[slot] = new ClientidText(clientid, text);
        return text;
    }

    /** The owner built for a clientid and owner bytes, by slot; see {@link #owner(StateOwner)}. */
    private record KnownOwner(long clientid, String ownerHex, Owner owner) {
    }

    /** Owner texts with their kind in front ("open/..."), by slot; see {@link #ownerKey}. */
    private record KindKey(String kind, String ownerKey, String text) {
    }

    /*
     * Every stateful operation names its owner, and the owner seqid checks key their tables by
     * it: building the owner (handle parsed and printed again, clientid formatted) and its keyed
     * text per operation cost more than the checks. A capture names few owners at a time, so
     * small direct-mapped tables keep the last ones per slot; owners and texts are immutable.
     */
    private final KnownOwner[] knownOwners = new KnownOwner[1 << 8];
    private final KindKey[] kindKeys = new KindKey[1 << 8];

    private Owner owner(StateOwner o) {
        String hex = o.ownerHex();
        int h = Long.hashCode(o.clientid()) * 31 + (hex == null ? 0 : hex.hashCode());
        int slot = (h * 0x9e3779b1 >>> 24) & (knownOwners.length - 1);
        KnownOwner k = knownOwners[slot];
        if (k != null && k.clientid == o.clientid() && Objects.equals(k.ownerHex, hex)) {
            return k.owner;
        }
        Owner owner = Owner.nfs4(o.clientid(), hex == null ? new byte[0] : HexFormat.of().parseHex(hex));
        knownOwners[slot] = new KnownOwner(o.clientid(), hex, owner);
        return owner;
    }

    /** {@code kind + owner.key()}, shared while the owner is in use. */
    private String ownerKey(String kind, Owner owner) {
        String key = owner.key();
        int slot = ((key.hashCode() * 31 + kind.hashCode()) * 0x9e3779b1 >>> 24) & (kindKeys.length - 1);
        KindKey k = kindKeys[slot];
        if (k != null && (k.ownerKey == key || k.ownerKey.equals(key)) && k.kind.equals(kind)) {
            return k.text;
        }
        String text = kind + key;
        kindKeys[slot] = new KindKey(kind, key, text);
        return text;
    }

    /** In 4.1 the session names the client; owners' clientid fields are ignored and often 0. */
    private static long clientidOf(Walk w, StateOwner o) {
        return w.minor >= 1 && w.client != null ? w.client.clientid : o.clientid();
    }

    private Owner owner(Walk w, StateOwner o) {
        long clientid = clientidOf(w, o);
        Owner owner = owner(new StateOwner(clientid, o.ownerHex()));
        ownerClient.put(owner, clientid);
        return owner;
    }

    private Client client(long clientid, String server, String endpoint) {
        Client c = clients.get(clientid);
        if (c == null || !c.server.equals(server)) {
            c = new Client(clientid, server, view.server(server).epoch);
            clients.put(clientid, c);
            clientIdsSeen.add(server + "/" + clientid);
        }
        c.lastSeen = Math.max(c.lastSeen, view.nowNanos);
        if (endpoint != null) {
            c.endpoint = endpoint;
        }
        return c;
    }

    private void remember(String other, StateInfo info) {
        StateInfo before = stateids.put(other, info);
        if (before == null) {
            // A stateid is either in use or given back, never both: only a new one can be in there.
            released.remove(other);
        }
        if (info.lock && info.parent != null && (before == null || !info.parent.equals(before.parent))) {
            listUnder(locksByOpen, info.parent, other);
        }
        if (info.lock && info.owner != null && (before == null || !info.owner.equals(before.owner))) {
            listUnder(locksByOwner, info.owner, other);
        }
        Iterator<String> it = stateids.keySet().iterator();
        while (stateids.size() > MAX_STATE && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** What stateid {@code other} stands for, in use or given back; null when the capture showed neither. */
    private StateInfo state(String other) {
        StateInfo info = stateids.get(other);
        if (info != null) {
            return info;
        }
        int e = released.find(other);
        if (e < 0) {
            return null;
        }
        info = new StateInfo(released.lock(e), released.clientid(e), released.owner(e), null, null, released.epoch(e));
        info.releasedNanos = released.time(e);
        info.releasedFrame = released.frame(e);
        return info;
    }

    /** What stateid {@code sid} stands for, as {@link #state}; when known, its client is the request's. */
    private StateInfo stateNamingClient(Walk w, Stateid sid) {
        StateInfo info = sid == null ? null : state(sid.otherHex());
        if (info != null) {
            w.client = clients.get(info.clientid);
        }
        return info;
    }

    /** The server took back stateid {@code other} by the reply of {@code w}. */
    private void release(Walk w, String other, StateInfo info, Owner owner) {
        stateids.remove(other);
        released.add(other, info.clientid, info.epoch, info.lock, owner, w.reply.timeNanos(), w.reply.frame());
    }

    /**
     * V4-STATEID-AFTER-RELEASE, the error case (notes §3.4): the server accepted a stateid it had
     * taken back, in a request sent after the client saw it go. Not for retries and replays, which
     * the server answers from its cache, nor across a restart.
     */
    private void acceptedAfterRelease(Walk w, Nfs4Op op, Stateid sid, StateInfo info) {
        if (info == null || !info.released() || w.replayed || info.epoch != w.serverState.epoch
                || w.call.timeNanos() <= info.releasedNanos) {
            return;
        }
        view.report(w.finding(FindingType.V4_STATEID_AFTER_RELEASE, op.name() + " used " + (info.lock ? "lock" : "open")
                + " stateid " + sid.otherHex() + ", given back in frame " + info.releasedFrame + ", and the server"
                + " accepted it: it revived released state").severity(Severity.ERROR)
                .evidence(info.releasedFrame).build());
    }

    /** Adds lock stateid {@code other} to {@code key}'s list in {@code index}, whose size is bounded like {@link #stateids}. */
    private static <K> void listUnder(Map<K, List<String>> index, K key, String other) {
        index.computeIfAbsent(key, k -> new ArrayList<>(2)).add(other);
        Bounded.trim(index, MAX_STATE);
    }

    long lease(String server) {
        Long l = leaseByServer.get(server);
        return view.settings.leaseOverridden() || l == null ? view.settings.leaseNanos() : l;
    }

    @Override
    public void exchange(Call call, Reply reply) {
        settle(call);
        if (!(call.body() instanceof Compound args) || !(reply.body() instanceof CompoundResult res)) {
            return;
        }
        Walk w = new Walk(call, reply, args.minorVersion());
        List<Nfs4Op> ops = args.ops();
        List<Nfs4Result> results = res.results();
        if (w.minor >= 1 && !ops.isEmpty() && ops.get(0) instanceof Sequence seq && !results.isEmpty()) {
            slot(w, seq, results.get(0).status(), args);
        }
        int n = Math.min(ops.size(), results.size());
        for (int i = 0; i < n; i++) {
            Nfs4Op op = ops.get(i);
            Nfs4Result r = results.get(i);
            if (op.opcode() != r.opcode()) {
                return; // the reply does not belong to these arguments: trust neither
            }
            if (w.minor == 0) {
                ownerSeqids(w, op, r);
            }
            stateidKind(w, op, r.status());
            operation(w, op, r);
            if (w.client != null) {
                w.client.lastSeen = Math.max(w.client.lastSeen, call.timeNanos());
            }
        }
        lapseSurvived(w);
    }

    /**
     * V4-LAPSE-SURVIVED (notes §3.6): the client came back after a lapse and the server accepted
     * its state (a courtesy server, RFC 7530 §9.6.3.1) — or its renewals went by a path the
     * capture does not see. Not when the server took one of its locks meanwhile, revoked state
     * (4.1 flags), or the client confirmed a client ID anew (its state was reset).
     */
    private void lapseSurvived(Walk w) {
        Lapse l = w.lapse;
        if (l == null || l.client().lockLostNanos >= 0) {
            return;
        }
        Client c = l.client();
        view.report(w.finding(FindingType.V4_LAPSE_SURVIVED, "client " + hex(c.clientid) + " came back after "
                + String.format("%.1f", l.silentNanos() / 1e9) + " s without renewing (last renewal in frame "
                + l.lastRenewFrame() + ") and the server still accepted its state: it kept the lapsed client's"
                + " locks (courtesy locks), or the client renewed by a path the capture does not show")
                .evidence(l.lastRenewFrame()).clientId(hex(c.clientid)).build());
    }

    private void operation(Walk w, Nfs4Op op, Nfs4Result r) {
        int status = r.status();
        if (op instanceof PutFh p) {
            w.cfh = p.fh();
        } else if (op instanceof GetFh g) {
            if (status == OK && r instanceof GetFh.Result gr) {
                w.cfh = gr.fh();
                if (w.openWithoutFile != null) {
                    w.openWithoutFile.file = w.file();
                    w.openWithoutFile = null;
                }
            }
        } else if (op instanceof Sequence s) {
            sequence(w, s, r);
        } else if (op instanceof ExchangeId x) {
            if (status == OK && r instanceof ExchangeId.Result xr) {
                Client c = client(xr.clientid(), w.server, Texts.text(w.call.msg().src()));
                c.newlyEstablished = (xr.flags() & EXCHGID4_FLAG_CONFIRMED_R) == 0;
                c.reclaimComplete = false;
                w.client = c;
                registrations.exchanged(w.server, x.ownerIdHex(), x.verifier(), xr.clientid());
            }
        } else if (op instanceof CreateSession cs) {
            if (status == OK && r instanceof CreateSession.Result cr) {
                sessions.put(cr.sessionid(), cs.clientid());
                slots.created(cr.sessionid(), w.reply.frame());
                w.client = client(cs.clientid(), w.server, Texts.text(w.call.msg().src()));
                // The first CREATE_SESSION confirms a client ID; a new co_verifier behind it is a reboot.
                Long rebooted = registrations.confirmed(w.server, cs.clientid());
                if (rebooted != null) {
                    dropRebooted(w, rebooted);
                }
            } else {
                w.client = clients.get(cs.clientid());
                stale(w, status, "CREATE_SESSION with client ID " + hex(cs.clientid()), w.client);
            }
        } else if (op instanceof SetClientId sc) {
            if (status == OK && r instanceof SetClientId.Result sr) {
                registrations.offered(w.server, sc.idHex(), sc.verifier(), sr.clientid());
            }
        } else if (op instanceof SetClientIdConfirm sc) {
            w.client = client(sc.clientid(), w.server, Texts.text(w.call.msg().src()));
            if (status == OK) {
                Long rebooted = registrations.confirmed(w.server, sc.clientid());
                if (rebooted != null) {
                    dropRebooted(w, rebooted);
                }
                sequences.forgetClient(sc.clientid());
                replayReplies.forgetClient(sc.clientid());
                confirms.clientConfirmed(sc.clientid());
                renew(w);
                w.lapse = null;
            } else {
                stale(w, status, "SETCLIENTID_CONFIRM", w.client);
            }
        } else if (op instanceof Renew rn) {
            w.client = clients.get(rn.clientid());
            if (status == OK) {
                w.client = client(rn.clientid(), w.server, Texts.text(w.call.msg().src()));
                renew(w);
            } else {
                stateError(w, op, status, null);
            }
        } else if (op instanceof ReclaimComplete rc) {
            if ((status == OK || status == COMPLETE_ALREADY) && !rc.oneFs() && w.client != null) {
                w.client.reclaimComplete = true;
            }
        } else if (op instanceof GetAttr g) {
            if (status == OK && r instanceof GetAttr.Result gr && gr.leaseTime() > 0) {
                leaseByServer.put(w.server, gr.leaseTime() * Settings.SECOND);
            }
        } else if (op instanceof Open o) {
            open(w, o, r);
        } else if (op instanceof OpenConfirm oc) {
            if (oc.openStateid() != null) {
                confirms.confirmSent(oc.openStateid().otherHex());
            }
            stateOp(w, op, status, oc.openStateid());
        } else if (op instanceof OpenDowngrade od) {
            stateOp(w, op, status, od.openStateid());
        } else if (op instanceof Close c) {
            close(w, c, status);
        } else if (op instanceof Lock l) {
            lock(w, l, r);
        } else if (op instanceof LockT t) {
            if (status == OK || status == DENIED) {
                view.normalAnswer(w.serverState, w.reply.frame(), w.reply.timeNanos());
            } else {
                if (w.client == null && t.owner() != null) {
                    w.client = clients.get(t.owner().clientid());
                }
                stateError(w, op, status, null);
            }
        } else if (op instanceof LockU u) {
            locku(w, u, status);
        } else if (op instanceof FreeStateid fs) {
            freeStateid(w, fs, status);
        } else if (op instanceof ReleaseLockowner rl) {
            if (status == OK) {
                releaseOwner(w, owner(w, rl.lockOwner()));
            } else {
                stateError(w, op, status, null);
            }
        } else if (op instanceof DestroySession ds) {
            if (status == OK) {
                sessions.remove(ds.sessionid());
            }
        } else if (op instanceof DestroyClientid dc) {
            if (status == OK) {
                dropClient(w, dc.clientid());
            }
        } else if (op instanceof Read rd) {
            unconfirmedUse(w, rd.stateid(), op, status);
            ioRange(w, rd.stateid(), op, false, rd.offset(), rd.count(), status);
            io(w, op, status, rd.stateid());
        } else if (op instanceof Write wr) {
            unconfirmedUse(w, wr.stateid(), op, status);
            ioRange(w, wr.stateid(), op, true, wr.offset(), wr.count(), status);
            io(w, op, status, wr.stateid());
        } else if (op instanceof SetAttr sa) {
            io(w, op, status, sa.stateid());
        } else {
            if (op.opcode() == 15 || op.opcode() == 16 || op.opcode() == 24 || op.opcode() == 23
                    || op.opcode() == 6 || op.opcode() == 19) {
                w.cfh = null; // LOOKUP, LOOKUPP, PUTROOTFH, PUTPUBFH, CREATE, OPENATTR: a handle we do not see
            } else if (op.opcode() == 32) {
                w.saved = w.cfh;
            } else if (op.opcode() == 31) {
                w.cfh = w.saved;
            }
        }
    }

    static final int SEQ_MISORDERED = 10063;
    static final int RETRY_UNCACHED_REP = 10068;
    static final int SEQ_FALSE_RETRY = 10076;

    /** Session slot rules: the client's sequenceids per slot, and what the server said of them. */
    private void slot(Walk w, Sequence seq, int status, Compound args) {
        SlotTables.Check c = slots.answered(seq.sessionid(), seq.slotid(), seq.sequenceid(), args.ops(),
                status == OK, w.call.frame());
        w.replayed |= c.verdict() == SlotTables.Verdict.RETRY;
        if (c.verdict() == SlotTables.Verdict.IN_SEQUENCE && status == OK) {
            return; // the common case: nothing to report, so no text to build
        }
        String where = "slot " + Integer.toUnsignedString(seq.slotid()) + " of session " + seq.sessionid();
        String q = Integer.toUnsignedString(seq.sequenceid());
        boolean lost = view.lostSince(Texts.host(w.call.msg().src()), w.server, c.lastFrame());
        if (c.verdict() == SlotTables.Verdict.MISORDERED && !lost) {
            String after = c.unused() ? " as the slot's first request since the session was created (frame "
                    + c.lastFrame() + "), which carries 1" : " after " + c.last() + " (frame " + c.lastFrame() + ")";
            view.report(w.finding(FindingType.V41_SLOT_MISORDER, "request on " + where + " carried sequenceid " + q
                    + after + "; the server answered "
                    + Nfs4Names.status(status)).severity(status == OK ? Severity.ERROR : Severity.WARNING)
                    .evidence(c.lastFrame()).build());
        } else if (c.verdict() == SlotTables.Verdict.FALSE_RETRY && !lost || status == SEQ_FALSE_RETRY) {
            view.report(w.finding(FindingType.V41_FALSE_RETRY, "a different request reused sequenceid " + q + " on "
                    + where + (c.lastFrame() > 0 ? " (first used in frame " + c.lastFrame() + ")" : "")
                    + "; the server answered " + Nfs4Names.status(status))
                    .evidence(c.lastFrame() > 0 ? new long[] {c.lastFrame()} : new long[0]).build());
        } else if (status == SEQ_MISORDERED) {
            view.report(w.finding(FindingType.V41_SLOT_MISORDER, "the server answered NFS4ERR_SEQ_MISORDERED to sequenceid "
                    + q + " on " + where).severity(Severity.INFO).build());
        }
        if (status == RETRY_UNCACHED_REP) {
            boolean lockOp = args.ops().stream().anyMatch(o -> isLockOp(o.opcode()));
            view.report(w.finding(FindingType.V41_UNCACHED_RETRY, "retry on " + where + " got NFS4ERR_RETRY_UNCACHED_REP:"
                    + " the outcome of the original request is unknown to the client")
                    .severity(lockOp ? Severity.WARNING : Severity.INFO).build());
        }
    }

    /** sr_status_flags bits that say state was revoked (RFC 8881 §18.46.3). */
    private static final int REVOKED_FLAGS = 0x8 | 0x10 | 0x20 | 0x40;

    private void sequence(Walk w, Sequence s, Nfs4Result r) {
        int status = r.status();
        Long clientid = sessions.get(s.sessionid());
        if (clientid != null) {
            w.client = client(clientid, w.server, Texts.text(w.call.msg().src()));
        }
        if (status == OK && w.client != null) {
            renew(w);
            if (r instanceof Sequence.Result sr) {
                int raised = sr.statusFlags() & REVOKED_FLAGS & ~w.client.lastStatusFlags;
                w.client.lastStatusFlags = sr.statusFlags();
                if (raised != 0) {
                    w.lapse = null;
                    boolean some = (raised & ~0x10) == 0;
                    view.report(w.finding(FindingType.V41_STATE_REVOKED, "the server reports revoked state for client "
                            + hex(w.client.clientid) + " (sr_status_flags 0x" + Integer.toHexString(sr.statusFlags())
                            + (some ? ": some state expired" : ": all state expired, or state revoked") + ")")
                            .severity(some ? Severity.WARNING : Severity.ERROR).build());
                }
            }
        } else if (status == BADSESSION) {
            view.report(w.finding(FindingType.V41_BADSESSION, "the server no longer knows session " + s.sessionid()
                    + (w.serverState.epoch > 0 ? " (it restarted)" : "")).build());
        }
    }

    private void renew(Walk w) {
        Client c = w.client;
        if (c == null) {
            return;
        }
        long t = w.call.timeNanos();
        long lease = lease(w.server);
        long slack = Math.max(2 * Settings.SECOND, lease / 20);
        // Encrypted requests from the client renew by time (notes §3.6): no lapse can be shown then.
        if (c.lastRenewCall >= 0 && t - c.lastRenewCall > lease + slack && !opaqueSince(c, c.lastRenewCall)
                && holdsLocks(c)) {
            view.report(view.finding(FindingType.V4_LEASE_LAPSE, w.call.frame(), t,
                    "client " + hex(c.clientid) + " held locks but renewed nothing for "
                            + String.format("%.1f", (t - c.lastRenewCall) / 1e9) + " s, longer than its "
                            + lease / Settings.SECOND + " s lease (last renewal in frame " + c.lastRenewFrame + ")")
                    .evidence(c.lastRenewFrame).clientId(hex(c.clientid)).client(c.endpoint)
                    .server(Texts.text(w.call.msg().dst())).build());
            c.lockLostNanos = c.lockLostNanos >= c.lastRenewCall ? c.lockLostNanos : -1;
            w.lapse = new Lapse(c, c.lastRenewFrame, t - c.lastRenewCall);
        }
        c.lastRenewCall = t;
        c.lastRenewFrame = w.call.frame();
    }

    /**
     * The client is gone (DESTROY_CLIENTID): what was kept for it goes too, so that memory
     * follows the clients that are alive, not every client the capture ever saw.
     */
    private void retire(long clientid) {
        retire(Set.of(clientid));
    }

    /**
     * The client rebooted (a new verifier confirmed for its id, by SETCLIENTID_CONFIRM in 4.0 or
     * CREATE_SESSION in 4.1): the server forgot its previous clientid with all its locks, and no
     * LOCKU will show it (notes §4.20).
     */
    private void dropRebooted(Walk w, long clientid) {
        for (Map.Entry<ViewState.FileKey, FileLocks> e : new java.util.ArrayList<>(view.files.entrySet())) {
            if (!e.getKey().server().equals(w.server)) {
                continue;
            }
            for (Owner o : new java.util.ArrayList<>(e.getValue().holders())) {
                Long owning = ownerClient.get(o);
                if (owning != null && owning == clientid) {
                    view.release(e.getKey(), o, ByteRange.of(0, -1L), w.call.timeNanos());
                }
            }
        }
        dropClient(w, clientid);
    }

    /**
     * The server dropped the client's state by the reply of {@code w} (a new verifier confirmed
     * for its owner, or DESTROY_CLIENTID): the client is retired, and its stateids count as given
     * back there, so that a later use of one, typically by another host presenting the same
     * client owner, is a use after release rather than a stateid the capture never showed
     * (notes §3.4).
     */
    private void dropClient(Walk w, long clientid) {
        List<Map.Entry<String, StateInfo>> held = new ArrayList<>();
        for (Map.Entry<String, StateInfo> e : stateids.entrySet()) {
            if (e.getValue().clientid == clientid) {
                held.add(e);
            }
        }
        retire(clientid);
        for (Map.Entry<String, StateInfo> e : held) {
            release(w, e.getKey(), e.getValue(), e.getValue().owner);
        }
    }

    private void retire(Set<Long> gone) {
        clients.keySet().removeAll(gone);
        registrations.forget(gone);
        sessions.entrySet().removeIf(e -> {
            boolean drop = gone.contains(e.getValue());
            if (drop) {
                slots.forget(e.getKey());
            }
            return drop;
        });
        stateids.values().removeIf(info -> gone.contains(info.clientid));
        released.forgetClients(gone);
        ownerClient.values().removeIf(gone::contains);
        for (long clientid : gone) {
            sequences.forgetClient(clientid);
        }
    }

    /**
     * Clients silent for two leases that hold no lock or open went away, or the server expired them
     * (with opens, after a day): they are retired, so that memory follows the live clients of a
     * long capture. Should one
     * come back, its state is simply unknown, like state from before the capture, so no rule
     * compares against what was forgotten. Returns how many were retired.
     */
    int retireIdle(long nowNanos) {
        Set<Owner> holders = view.holdingOwners();
        Set<Long> holding = new HashSet<>();
        for (Owner o : holders) {
            Long clientid = ownerClient.get(o);
            if (clientid != null) {
                holding.add(clientid);
            }
        }
        Set<Long> opened = new HashSet<>();
        for (StateInfo info : stateids.values()) {
            if (!info.lock) {
                opened.add(info.clientid);
            }
        }
        Set<Long> gone = new HashSet<>();
        for (Client c : clients.values()) {
            long idle = nowNanos - Math.max(c.lastSeen, c.lastRenewCall);
            // A client with opens may come back to a server that kept them (courtesy clients, notes
            // §4.21): its lease lapse is worth reporting then, so it is kept as long as such servers keep it.
            long limit = opened.contains(c.clientid) ? COURTESY_NANOS : 2 * lease(c.server);
            if (idle > limit && !holding.contains(c.clientid)) {
                gone.add(c.clientid);
            }
        }
        if (!gone.isEmpty()) {
            retire(gone);
        }
        forgetStale(nowNanos, holders);
        return gone.size();
    }

    /**
     * Forgets what no rule needs any more. Stateids given back two leases ago: they are kept only
     * to tell a use after the release (V4-STATEID-AFTER-RELEASE) from a stateid the server never
     * granted, and a client that opens, locks and closes file after file would otherwise keep
     * every one up to the bound; a later use is reported as V4-BAD-STATEID when the server refuses
     * it, as for state from before the capture. And owners that hold no lock and that no stateid
     * kept here names: a client that takes a new lock-owner per file or process, and never
     * releases it (NFSv4.1 has no RELEASE_LOCKOWNER), would otherwise grow {@link #ownerClient}
     * for the whole capture (and {@link #locksByOwner} with it); should one come back, its next
     * LOCK names it again.
     *
     * @param inUse the owners holding locks; the owners of the stateids kept are added
     */
    private void forgetStale(long nowNanos, Set<Owner> inUse) {
        released.forgetBefore(nowNanos - 2 * view.settings.leaseNanos());
        for (StateInfo info : stateids.values()) {
            inUse.add(info.owner);
        }
        released.owners(inUse);
        ownerClient.keySet().retainAll(inUse);
        // The lock stateids listed under an owner no longer in use are all forgotten.
        locksByOwner.keySet().retainAll(inUse);
    }

    int clientIdsSeen() {
        return clientIdsSeen.count();
    }

    /** Clients, sessions, stateids, owners and owner sequences kept, for {@link LockView#liveState()}. */
    int tracked() {
        return clients.size() + sessions.size() + stateids.size() + released.size() + ownerClient.size() + sequences.size()
                + slots.size() + registrations.size();
    }

    private boolean holdsLocks(Client c) {
        for (FileLocks locks : view.files.values()) {
            for (Owner o : locks.holders()) {
                if (clientOf(o) == c) {
                    return true;
                }
            }
        }
        return false;
    }

    private void open(Walk w, Open o, Nfs4Result r) {
        int status = r.status();
        Client c = client(clientidOf(w, o.owner()), w.server, Texts.text(w.call.msg().src()));
        w.client = c;
        boolean reclaim = o.claim() != null && o.claim().isReclaim();
        if (reclaim) {
            view.graceGrants.reclaimSeen(w.serverState, Texts.host(w.call.msg().src()));
        }
        if (status == OK && r instanceof Open.Result or) {
            renew(w);
            boolean fileIsCfh = o.claim() != null && (o.claim().type() == Open.CLAIM_PREVIOUS
                    || o.claim().type() == Open.CLAIM_FH || o.claim().type() == Open.CLAIM_DELEG_CUR_FH
                    || o.claim().type() == Open.CLAIM_DELEG_PREV_FH);
            StateInfo info = new StateInfo(false, c.clientid, owner(w, o.owner()), fileIsCfh ? w.file() : null, null,
                    w.serverState.epoch);
            if (or.stateid() != null) {
                remember(or.stateid().otherHex(), info);
                if (w.minor == 0 && (or.rflags() & OpenConfirmRule.OPEN4_RESULT_CONFIRM) != 0) {
                    confirms.opened(w.call, w.reply, or.stateid().otherHex(), c.clientid,
                            fileIsCfh && w.file() != null ? w.file().label() : null, w.serverState.epoch);
                }
            }
            if (!fileIsCfh) {
                w.cfh = null;
                w.openWithoutFile = info;
            }
            if (reclaim) {
                reclaimAnswered(w, "OPEN reclaim (" + Nfs4Names.claim(o.claim().type()) + ")", true);
            } else {
                view.graceGrants.granted(Protocol.NFS4, w.call, w.reply.frame(), w.reply.timeNanos(), w.serverState,
                        fileIsCfh ? w.file() : null, info.owner, null, null);
                view.normalAnswer(w.serverState, w.reply.frame(), w.reply.timeNanos());
                noReclaimComplete(w, "OPEN");
            }
            return;
        }
        if (reclaim && status != GRACE) {
            reclaimRefused(w, "OPEN reclaim", status);
            return;
        }
        if (!reclaim && status == GRACE) {
            noReclaimComplete(w, "OPEN");
        }
        stateError(w, o, status, null);
    }

    private void lock(Walk w, Lock l, Nfs4Result r) {
        int status = r.status();
        StateInfo parent = null;
        String parentOther = null;
        Owner owner;
        long clientid;
        StateInfo known = null;
        if (l.locker() instanceof Lock.OpenToLockOwner n) {
            owner = owner(w, n.lockOwner());
            clientid = clientidOf(w, n.lockOwner());
            parentOther = n.openStateid() == null ? null : n.openStateid().otherHex();
            unconfirmedUse(w, n.openStateid(), l, status);
        } else {
            Lock.ExistLockOwner e = (Lock.ExistLockOwner) l.locker();
            known = e.lockStateid() == null ? null : state(e.lockStateid().otherHex());
            owner = known == null ? null : known.owner;
            clientid = known == null ? 0 : known.clientid;
            parentOther = known == null ? null : known.parent;
        }
        if (parentOther != null) {
            parent = state(parentOther);
        }
        // A known stateid names its client even once its released owner is forgotten.
        w.client = owner == null && known == null ? w.client : client(clientid, w.server, Texts.text(w.call.msg().src()));
        ViewState.FileKey file = w.file() != null ? w.file() : parent == null ? null : parent.file;
        ByteRange range = ByteRange.ofNfs4(l.offset(), l.length());
        LockType type = (l.locktype() == 2 || l.locktype() == 4) ? LockType.WRITE : LockType.READ;
        if (file != null) {
            view.contention.recordRequest(file.label());
        }
        // Only the reclaim findings quote the request; building the text for every LOCK cost more than the rest.
        String what = !l.reclaim() ? null : "reclaim " + type + " lock " + (range == null ? "" : range + " ")
                + "of " + (file == null ? "an unknown file" : file.label())
                + (owner == null ? "" : " for " + owner.label());
        if (l.reclaim()) {
            view.graceGrants.reclaimSeen(w.serverState, Texts.host(w.call.msg().src()));
        }
        if (l.reclaim() && file != null && range != null) {
            reclaims.reclaimed(w.call, w.reply.frame(), file, owner, range, type, hex(clientid));
            view.reclaimed(w.serverState, file, owner, Texts.text(w.call.msg().src()), range, type, Protocol.NFS4,
                    w.call.frame(), w.call.timeNanos(), status == OK);
        }
        if (status == OK) {
            renew(w);
            if (l.locker() instanceof Lock.OpenToLockOwner n) {
                acceptedAfterRelease(w, l, n.openStateid(), parent);
            } else if (l.locker() instanceof Lock.ExistLockOwner e) {
                acceptedAfterRelease(w, l, e.lockStateid(), known);
            }
            Stateid sid = r instanceof Lock.Result lr ? lr.stateid() : null;
            if (sid != null && owner != null) {
                remember(sid.otherHex(), new StateInfo(true, clientid, owner, file,
                        l.locker() instanceof Lock.OpenToLockOwner || parent != null ? parentOther : null,
                        w.serverState.epoch));
            }
            if (l.reclaim()) {
                reclaimAnswered(w, what, true);
            } else {
                if (file != null && owner != null && range != null) {
                    view.graceGrants.granted(Protocol.NFS4, w.call, w.reply.frame(), w.reply.timeNanos(),
                            w.serverState, file, owner, range, type);
                }
                view.normalAnswer(w.serverState, w.reply.frame(), w.reply.timeNanos());
                noReclaimComplete(w, "LOCK");
            }
            if (file != null && owner != null && range != null) {
                expireStaleHolders(w, file, owner, range, type);
                view.grant(file, new ViewState.Holder(owner, Texts.text(w.call.msg().src()), clientidText(clientid)), range,
                        type, Protocol.NFS4, w.reply.frame(), w.reply.timeNanos(), w.call.frame(),
                        Texts.text(w.call.msg().dst()));
            }
            if (file != null) {
                // A grant whoever the owner: a lock stateid from before the capture names none, but
                // the server granted the request, which the request and denial counts count too.
                view.contention.recordGrant(file.label(), Math.max(0, w.reply.timeNanos() - w.call.timeNanos()));
            }
            return;
        }
        if (status == DENIED) {
            renew(w);
            view.normalAnswer(w.serverState, w.reply.frame(), w.reply.timeNanos());
            if (file != null) {
                view.contention.recordDenial(file.label());
                view.denied(file, owner, Texts.text(w.call.msg().src()), range, type, Protocol.NFS4,
                        w.call.frame());
            }
            return;
        }
        if (l.reclaim() && status != GRACE) {
            reclaimRefused(w, what, status);
            return;
        }
        if (!l.reclaim() && status == GRACE) {
            noReclaimComplete(w, "LOCK");
        }
        stateError(w, l, status, l.locker() instanceof Lock.ExistLockOwner e ? e.lockStateid() : null);
    }


    /**
     * A lease-expired holder's locks may be given to others (courtesy locks, RFC 7530 §9.6.3.1):
     * that is no double grant, but the lapsed client has lost its lock (V4-EXPIRED-STOLEN).
     */
    private void expireStaleHolders(Walk w, ViewState.FileKey file, Owner owner, ByteRange range, LockType type) {
        FileLocks locks = view.files.get(file);
        if (locks == null) {
            return;
        }
        for (HeldLock h : locks.conflicts(owner, range, type)) {
            Client holder = clientOf(h.owner());
            if (holder == null || holder.lastRenewCall < 0) {
                continue;
            }
            long lease = lease(w.server);
            long slack = Math.max(2 * Settings.SECOND, lease / 20);
            long silent = w.call.timeNanos() - holder.lastRenewCall;
            if (silent > lease + slack) {
                view.report(view.finding(FindingType.V4_EXPIRED_STOLEN, w.reply.frame(), w.reply.timeNanos(),
                        owner.label() + " was granted " + type + " " + range + " of " + file.label() + ", which "
                                + h.owner().label() + " held since frame " + h.grant().frame() + "; that client renewed"
                                + " nothing for " + String.format("%.1f", silent / 1e9) + " s, longer than its "
                                + lease / Settings.SECOND + " s lease, so the server could give its lock away")
                        .evidence(w.call.frame(), h.grant().frame(), holder.lastRenewFrame)
                        .client(Texts.text(w.call.msg().src())).server(Texts.text(w.call.msg().dst()))
                        .clientId(hex(holder.clientid)).owner(h.owner().label()).file(file.label()).range(h.range())
                        .build());
                view.release(file, h.owner(), h.range(), w.call.timeNanos());
                holder.lockLostNanos = w.call.timeNanos();
                locks = view.files.get(file);
                if (locks == null) {
                    return;
                }
            }
        }
    }

    /**
     * Whether the NFSv4 owner's client had been silent longer than its lease at {@code timeNanos},
     * for grants by other protocols; the client then counts as having lost a lock.
     */
    private GrantOverExpiredRule.Lapse lapsed(Owner o, long timeNanos) {
        Client c = clientOf(o);
        if (c == null || c.lastRenewCall < 0 || opaqueSince(c, c.lastRenewCall)) {
            return null;
        }
        long lease = lease(c.server);
        long silent = timeNanos - c.lastRenewCall;
        if (silent <= lease + Math.max(2 * Settings.SECOND, lease / 20)) {
            return null;
        }
        c.lockLostNanos = timeNanos;
        return new GrantOverExpiredRule.Lapse(hex(c.clientid), c.lastRenewFrame, silent, lease);
    }

    /** The client an NFSv4 lock-owner belongs to; null for NLM owners and unknown clients. */
    private Client clientOf(Owner o) {
        Long clientid = ownerClient.get(o);
        return clientid == null ? null : clients.get(clientid);
    }

    private void locku(Walk w, LockU u, int status) {
        StateInfo info = stateNamingClient(w, u.lockStateid());
        if (status == OK) {
            renew(w);
            acceptedAfterRelease(w, u, u.lockStateid(), info);
            ViewState.FileKey file = w.file() != null ? w.file() : info == null ? null : info.file;
            ByteRange range = ByteRange.ofNfs4(u.offset(), u.length());
            if (info != null && info.owner != null && file != null && range != null) {
                view.release(file, info.owner, range, w.call.timeNanos());
            }
            return;
        }
        stateError(w, u, status, u.lockStateid());
    }

    /**
     * FREE_STATEID gives back a stateid that holds nothing any more, in practice a lock stateid
     * after its last LOCKU [RFC 8881 §18.38]; a server refuses it (NFS4ERR_LOCKS_HELD) while the
     * stateid still has locks, so its success also says the owner holds none on that file, even
     * when the capture missed the LOCKU.
     */
    private void freeStateid(Walk w, FreeStateid fs, int status) {
        Stateid sid = fs.stateid();
        StateInfo info = stateNamingClient(w, sid);
        if (status != OK) {
            stateError(w, fs, status, sid);
            return;
        }
        renew(w);
        if (info == null || info.released()) {
            return;
        }
        if (info.lock && info.file != null && info.owner != null) {
            view.release(info.file, info.owner, ByteRange.of(0, -1L), w.call.timeNanos());
        }
        release(w, sid.otherHex(), info, info.owner);
    }

    private void close(Walk w, Close c, int status) {
        StateInfo open = stateNamingClient(w, c.openStateid());
        if (status != OK) {
            stateError(w, c, status, c.openStateid());
            return;
        }
        renew(w);
        if (c.openStateid() == null) {
            return;
        }
        acceptedAfterRelease(w, c, c.openStateid(), open);
        String other = c.openStateid().otherHex();
        if (open != null && !open.released()) {
            release(w, other, open, open.owner);
        }
        // Closing the open frees the locks of the lock stateids made from it (RFC 7530 §9.10),
        // also when the OPEN itself came before the capture: its LOCKs named it.
        List<String> locks = locksByOpen.remove(other);
        if (locks == null) {
            return;
        }
        for (String lock : locks) {
            StateInfo s = stateids.get(lock);
            if (s != null && s.lock && other.equals(s.parent)) {
                if (s.file != null) {
                    view.release(s.file, s.owner, ByteRange.of(0, -1L), w.call.timeNanos());
                }
                release(w, lock, s, s.owner);
            }
        }
    }

    private void releaseOwner(Walk w, Owner owner) {
        for (Map.Entry<ViewState.FileKey, FileLocks> e : new java.util.ArrayList<>(view.files.entrySet())) {
            if (e.getKey().server().equals(w.server) && e.getValue().holders().contains(owner)) {
                view.release(e.getKey(), owner, ByteRange.of(0, -1L), w.call.timeNanos());
            }
        }
        // The server forgets the owner's sequence and cached reply (RFC 7530 §16.37): an owner of
        // the same name later is a new one, whose first seqid is no gap. Forgetting them here also
        // keeps memory to the owners in use when a client takes a new owner per file or process.
        String key = ownerKey("lock/", owner);
        sequences.forget(key);
        replayReplies.forget(key);
        ownerClient.remove(owner);
        // Its lock stateids go with it (protocol notes, V4-STATEID-AFTER-RELEASE).
        List<String> locks = locksByOwner.remove(owner);
        if (locks != null) {
            for (String lock : locks) {
                // Its sequence is forgotten above: nothing asks for the owner through these
                // stateids any more, and a client that takes an owner per file would otherwise
                // keep every one it gave back for two leases.
                StateInfo s = stateids.get(lock);
                if (s != null && s.lock && owner.equals(s.owner)) {
                    release(w, lock, s, null);
                    continue;
                }
                int gone = released.find(lock);
                if (gone >= 0 && owner.equals(released.owner(gone))) {
                    released.forgetOwner(gone);
                }
            }
        }
    }

    private void stateOp(Walk w, Nfs4Op op, int status, Stateid sid) {
        StateInfo info = stateNamingClient(w, sid);
        if (status == OK) {
            renew(w);
            acceptedAfterRelease(w, op, sid, info);
        } else {
            stateError(w, op, status, sid);
        }
    }

    private void unconfirmedUse(Walk w, Stateid sid, Nfs4Op op, int status) {
        if (sid != null && w.minor == 0) {
            confirms.used(w.call, w.reply, sid.otherHex(), op.name(), status, w.serverState.epoch);
        }
    }

    /** I/O the server carried out under a lock stateid of the current server instance. */
    private void ioRange(Walk w, Stateid sid, Nfs4Op op, boolean write, long offset, int count, int status) {
        StateInfo info = sid == null ? null : state(sid.otherHex());
        if (status != OK || info == null || !info.lock || info.released() || info.epoch != w.serverState.epoch) {
            return;
        }
        ViewState.FileKey file = w.file() != null ? w.file() : info.file;
        if (file != null) {
            ioRanges.io(w.call, w.reply, op.name(), write, sid.otherHex(), info.owner, file, offset,
                    Integer.toUnsignedLong(count), hex(info.clientid));
        }
    }

    @Override
    public void tick(long nowNanos) {
        confirms.tick(nowNanos);
    }

    @Override
    public void finish(long endNanos, long lastFrame) {
        confirms.finish();
    }

    /** Bytes of {@code connection} are missing from the capture: what went by there is unknown. */
    void captureGap(long connection, long timeNanos) {
        confirms.captureGap(connection, timeNanos);
    }

    /** {@code host} sent a request the capture cannot read (RPCSEC_GSS privacy). */
    void opaque(String host, long timeNanos) {
        confirms.opaque(host, timeNanos);
        if (opaqueAt.containsKey(host) || !clients.isEmpty()) {
            opaqueAt.remove(host);
            opaqueAt.put(host, timeNanos);
            Bounded.trim(opaqueAt, MAX_STATE);
        }
    }

    /** Whether the client's host sent an opaque request after {@code sinceNanos}: it may have renewed. */
    private boolean opaqueSince(Client c, long sinceNanos) {
        Long t = c.endpoint == null ? null : opaqueAt.get(NlmRecoveryRules.hostOf(c.endpoint));
        return t != null && t > sinceNanos;
    }

    private void io(Walk w, Nfs4Op op, int status, Stateid sid) {
        StateInfo info = stateNamingClient(w, sid);
        if (status == OK) {
            if (info != null) {
                renew(w);
            }
            acceptedAfterRelease(w, op, sid, info);
        } else if (status == GRACE) {
            graceRefused(w, op);
        } else if (isStateError(status)) {
            stateError(w, op, status, sid);
        }
    }

    private static boolean isStateError(int status) {
        return status == EXPIRED || status == STALE_CLIENTID || status == STALE_STATEID || status == OLD_STATEID
                || status == BAD_STATEID || status == BAD_SEQID;
    }

    private void graceRefused(Walk w, Nfs4Op op) {
        if (!GraceEnd.uncertain(w.serverState, w.call.timeNanos())) {
            view.graceRefusal(w.serverState, w.reply.frame(), w.reply.timeNanos(), w.call.frame(), op.name());
        }
        view.report(w.finding(FindingType.V4_GRACE_DENIED, op.name() + " refused with NFS4ERR_GRACE: the server is in"
                + " its grace period and accepts only reclaims").build());
    }

    /** STALE_CLIENTID / STALE_STATEID for state the capture saw valid proves a restart. */
    private boolean stale(Walk w, int status, String what, Client c) {
        if (status != STALE_CLIENTID && status != STALE_STATEID) {
            return false;
        }
        boolean seenValid = c != null && c.epoch == w.serverState.epoch && !c.staleSeen;
        if (seenValid) {
            c.staleSeen = true;
            view.restart(w.serverState, w.reply.frame(), w.reply.timeNanos(), "it answered " + Nfs4Names.status(status)
                    + " to " + what + " of client " + hex(c.clientid) + ", which it accepted before", w.call.frame());
        }
        return seenValid;
    }

    private void stateError(Walk w, Nfs4Op op, int status, Stateid sid) {
        if (status == OK) {
            return;
        }
        String name = op.name();
        StateInfo info = sid == null ? null : state(sid.otherHex());
        switch (status) {
            case GRACE -> graceRefused(w, op);
            case STALE_CLIENTID, STALE_STATEID -> {
                Client c = w.client;
                boolean proves = stale(w, status, name, c);
                boolean oldEpoch = proves || (c != null && c.epoch < w.serverState.epoch)
                        || (info != null && info.epoch < w.serverState.epoch);
                if (oldEpoch) {
                    view.report(w.finding(FindingType.V4_STALE_USE, name + " used state from the server's previous"
                            + " instance and got " + Nfs4Names.status(status) + ": the client is discovering the restart")
                            .severity(Severity.INFO).build());
                } else {
                    view.report(w.finding(FindingType.V4_BAD_STATEID, name + " got " + Nfs4Names.status(status)
                            + " for state the capture never saw the server accept").build());
                }
            }
            case BAD_SEQID -> view.report(w.finding(FindingType.V40_BAD_SEQID, name + " rejected with NFS4ERR_BAD_SEQID:"
                    + " the owner's sequence number was not the one the server expected").build());
            case OLD_STATEID -> view.report(w.finding(FindingType.V4_OLD_STATEID, name + " used an out-of-date version"
                    + " of stateid " + (sid == null ? "" : sid.otherHex() + " (seqid " + Integer.toUnsignedString(sid.seqid())
                    + ")")).build());
            case BAD_STATEID -> {
                if (info != null && info.released()) {
                    // A call sent before the release's reply, or a retry or replay of one, was in
                    // flight when the client gave the stateid back: refusing it is no anomaly (notes §3.4).
                    if (!w.replayed && w.call.timeNanos() > info.releasedNanos) {
                        view.report(w.finding(FindingType.V4_STATEID_AFTER_RELEASE, name + " used stateid "
                                + sid.otherHex() + " after it was given back in frame " + info.releasedFrame)
                                .evidence(info.releasedFrame).build());
                    }
                } else {
                    view.report(w.finding(FindingType.V4_BAD_STATEID, name + " rejected with NFS4ERR_BAD_STATEID: the"
                            + " server does not recognise stateid " + (sid == null ? "?" : sid.otherHex())).build());
                }
            }
            case EXPIRED -> view.report(w.finding(FindingType.V4_EXPIRED_USE, name + " got NFS4ERR_EXPIRED: the client's"
                    + " lease ran out and its locks are lost").build());
            case DENIED -> {
            }
            default -> {
                if (isLockOp(op.opcode())) {
                    view.report(w.finding(FindingType.V4_OP_ERROR, name + " failed with " + Nfs4Names.status(status))
                            .build());
                }
            }
        }
    }

    private static boolean isLockOp(int opcode) {
        return switch (opcode) {
            case 18, 20, 21, 4, 12, 13, 14, 39, 30, 8, 58, 45, 55 -> true;
            default -> false;
        };
    }

    /** A reclaim was granted: late if it came after the grace end seen on the wire. */
    private void reclaimAnswered(Walk w, String what, boolean granted) {
        ServerState s = w.serverState;
        if (s.certainlyAfterGrace(w.call.timeNanos())) {
            view.report(w.finding(FindingType.V4_RECLAIM_OUTSIDE_GRACE, what + " sent after the server's grace period"
                    + " ended (frame " + s.graceEndFrame + ") was granted: a conflicting lock may have been granted meanwhile")
                    .severity(Severity.ERROR).evidence(s.graceEndFrame).build());
        }
    }

    private void reclaimRefused(Walk w, String what, int status) {
        ServerState s = w.serverState;
        if (s.certainlyAfterGrace(w.call.timeNanos())) {
            view.report(w.finding(FindingType.V4_RECLAIM_OUTSIDE_GRACE, what + " sent after the server's grace period"
                    + " ended (frame " + s.graceEndFrame + ") was refused with " + Nfs4Names.status(status)
                    + ": the client has lost this lock").severity(Severity.WARNING).evidence(s.graceEndFrame).build());
            return;
        }
        if (status == NO_GRACE || status == RECLAIM_BAD || status == RECLAIM_CONFLICT) {
            view.report(w.finding(FindingType.V4_RECLAIM_REFUSED, what + " refused with " + Nfs4Names.status(status)
                    + ": the client has lost this lock across the restart")
                    .severity(status == RECLAIM_CONFLICT ? Severity.ERROR : Severity.WARNING).build());
            return;
        }
        stateError(w, new org.nfslockscope.nfs4.PlainOp(12, false), status, null);
    }

    /**
     * RFC 8881 §18.51.3: a client with a new client ID must send RECLAIM_COMPLETE before its
     * first non-reclaim locking operation, even with nothing to reclaim.
     */
    private void noReclaimComplete(Walk w, String op) {
        Client c = w.client;
        if (w.minor < 1 || c == null || !c.newlyEstablished || c.reclaimComplete || c.noReclaimCompleteReported) {
            return;
        }
        c.noReclaimCompleteReported = true;
        view.report(w.finding(FindingType.V41_NO_RECLAIM_COMPLETE, "client " + hex(c.clientid) + " sent a non-reclaim "
                + op + " without first sending RECLAIM_COMPLETE for its new client ID").build());
    }

    /** A 4.0 request that carries owner seqids counts as outstanding for those owners until answered. */
    @Override
    public void call(Call c) {
        if (!(c.body() instanceof Compound args)) {
            return;
        }
        if (args.minorVersion() >= 1) {
            if (!args.ops().isEmpty() && args.ops().get(0) instanceof Sequence seq) {
                slots.sent(seq.sessionid(), seq.slotid());
            }
            return;
        }
        for (Nfs4Op op : args.ops()) {
            if (op instanceof OpenConfirm oc && oc.openStateid() != null) {
                confirms.confirmSent(oc.openStateid().otherHex());
            }
            List<SeqidUse> uses = seqidUses(null, op);
            for (int i = 0; i < uses.size(); i++) {
                SeqidUse u = uses.get(i);
                OwnerSequences.Outstanding rival = sequences.sent(u.owner(), u.seqid(), c.frame(), c.timeNanos(),
                        RpcRules.T_HANG_NANOS);
                if (rival != null) {
                    concurrent(c, op, u, rival);
                }
            }
        }
    }

    /**
     * V40-OWNER-CONCURRENT (notes §3.2): a request on an owner while another with another seqid
     * waits for its reply. A reordering on the way can then make the server answer BAD_SEQID.
     */
    private void concurrent(Call c, Nfs4Op op, SeqidUse u, OwnerSequences.Outstanding rival) {
        view.report(view.finding(FindingType.V40_OWNER_CONCURRENT, c.frame(), c.timeNanos(), op.name()
                        + " for owner " + u.label() + " (seqid " + Integer.toUnsignedString(u.seqid())
                        + ") was sent while the owner's request in frame " + rival.frame() + " (seqid "
                        + Integer.toUnsignedString(rival.seqid()) + ") still waited for its reply: the client"
                        + " breaks the one-request-at-a-time rule of owner seqids")
                .evidence(rival.frame()).client(Texts.text(c.msg().src())).server(Texts.text(c.msg().dst())).build());
    }

    /** Whatever a 4.0 reply says, the owners its request used no longer wait for it. */
    private void settle(Call c) {
        if (c.body() instanceof Compound args && args.minorVersion() == 0) {
            for (Nfs4Op op : args.ops()) {
                List<SeqidUse> uses = seqidUses(null, op);
                for (int i = 0; i < uses.size(); i++) {
                    sequences.settled(uses.get(i).owner(), c.frame());
                }
            }
        }
    }

    /**
     * One owner seqid an operation carries: which owner, which value. The label is for findings
     * only, so it is put together only when one is raised: from the owner when the operation names
     * it, else from the keyed text.
     */
    private record SeqidUse(String owner, Owner named, int seqid) {
        String label() {
            return named != null ? named.label() : owner.substring(owner.lastIndexOf('/') + 1);
        }
    }

    private String openOwnerOf(Stateid sid) {
        StateInfo info = sid == null ? null : state(sid.otherHex());
        return info == null || info.lock || info.owner == null ? null : ownerKey("open/", info.owner);
    }

    private String lockOwnerOf(Stateid sid) {
        StateInfo info = sid == null ? null : state(sid.otherHex());
        return info == null || !info.lock || info.owner == null ? null : ownerKey("lock/", info.owner);
    }

    /**
     * The owner seqids of an operation (RFC 7530 §9.1.7 table; notes §2.2.1): none for most
     * operations, so the shared empty list rather than a new one per operation.
     */
    private List<SeqidUse> seqidUses(Walk w, Nfs4Op op) {
        if (op instanceof Open o && o.owner() != null) {
            StateOwner so = o.owner();
            Owner owner = w == null ? owner(so) : owner(w, so);
            return List.of(new SeqidUse(ownerKey("open/", owner), owner, o.seqid()));
        } else if (op instanceof OpenConfirm oc) {
            return uses(openOwnerOf(oc.openStateid()), oc.seqid());
        } else if (op instanceof OpenDowngrade od) {
            return uses(openOwnerOf(od.openStateid()), od.seqid());
        } else if (op instanceof Close c) {
            return uses(openOwnerOf(c.openStateid()), c.seqid());
        } else if (op instanceof Lock l && l.locker() instanceof Lock.OpenToLockOwner n) {
            String open = openOwnerOf(n.openStateid());
            SeqidUse first = open == null ? null : new SeqidUse(open, null, n.openSeqid());
            if (n.lockOwner() == null) {
                return first == null ? List.of() : List.of(first);
            }
            Owner owner = w == null ? owner(n.lockOwner()) : owner(w, n.lockOwner());
            SeqidUse lock = new SeqidUse(ownerKey("lock/", owner), owner, n.lockSeqid());
            return first == null ? List.of(lock) : List.of(first, lock);
        } else if (op instanceof Lock l && l.locker() instanceof Lock.ExistLockOwner e) {
            return uses(lockOwnerOf(e.lockStateid()), e.lockSeqid());
        } else if (op instanceof LockU u) {
            return uses(lockOwnerOf(u.lockStateid()), u.seqid());
        }
        return List.of();
    }

    private static List<SeqidUse> uses(String owner, int seqid) {
        return owner == null ? List.of() : List.of(new SeqidUse(owner, null, seqid));
    }

    /**
     * An open stateid where a lock stateid belongs, or the other way round, is a client bug
     * whatever the server answers (RFC 7530 §9.1.4.4; servers may even answer BAD_SEQID).
     */
    private void stateidKind(Walk w, Nfs4Op op, int status) {
        Stateid sid = null;
        boolean wantLock = false;
        if (op instanceof OpenConfirm oc) {
            sid = oc.openStateid();
        } else if (op instanceof OpenDowngrade od) {
            sid = od.openStateid();
        } else if (op instanceof Close c) {
            sid = c.openStateid();
        } else if (op instanceof LockU u) {
            sid = u.lockStateid();
            wantLock = true;
        } else if (op instanceof Lock l && l.locker() instanceof Lock.ExistLockOwner e) {
            sid = e.lockStateid();
            wantLock = true;
        }
        StateInfo info = sid == null ? null : state(sid.otherHex());
        if (info != null && info.lock != wantLock) {
            view.report(w.finding(FindingType.V4_BAD_STATEID, op.name() + " carries " + (info.lock ? "a lock" : "an open")
                    + " stateid (" + sid.otherHex() + ") where " + (wantLock ? "a lock" : "an open") + " stateid belongs;"
                    + " the server answered " + Nfs4Names.status(status)).severity(Severity.ERROR).build());
        }
    }

    /** Checks every owner seqid of a processed 4.0 operation against the owner's sequence. */
    private void ownerSeqids(Walk w, Nfs4Op op, Nfs4Result result) {
        int status = result.status();
        boolean replyDiffers = false;
        List<SeqidUse> uses = seqidUses(w, op);
        for (int i = 0; i < uses.size(); i++) {
            SeqidUse u = uses.get(i);
            OwnerSequences.Check c = sequences.answered(u.owner(), u.seqid(), op, status, w.call.frame());
            w.replayed |= c.verdict() == OwnerSequences.Verdict.REPLAY
                    || c.verdict() == OwnerSequences.Verdict.REPLAY_MISMATCH;
            String r = c.verdict() == OwnerSequences.Verdict.GAP || c.verdict() == OwnerSequences.Verdict.REPLAY_MISMATCH
                    || c.verdict() == OwnerSequences.Verdict.REPLAY ? Integer.toUnsignedString(u.seqid()) : null;
            if (view.lostSince(Texts.host(w.call.msg().src()), w.server, c.lastFrame())) {
                continue; // the capture lost messages since the last known seqid: it may have moved on there
            }
            switch (c.verdict()) {
                case GAP -> view.report(w.finding(FindingType.V40_SEQID_GAP, op.name() + " for owner " + u.label()
                        + " carried seqid " + r + " after " + c.lastSeqid() + " (frame " + c.lastFrame() + "); the server"
                        + (status == BAD_SEQID ? " rejected it" : " answered " + Nfs4Names.status(status)))
                        .severity(status == BAD_SEQID ? Severity.WARNING : Severity.ERROR)
                        .evidence(c.lastFrame()).build());
                case REPLAY_MISMATCH -> view.report(w.finding(FindingType.V40_SEQID_REPLAY_MISMATCH, op.name()
                        + " for owner " + u.label() + " reused seqid " + r + " of a different request (frame "
                        + c.lastFrame() + "); the server answered " + Nfs4Names.status(status))
                        .evidence(c.lastFrame()).build());
                case REPLAY -> {
                    view.report(w.finding(FindingType.V40_OWNER_REPLAY, op.name() + " for owner " + u.label()
                            + " repeated its last request (seqid " + r + ", frame " + c.lastFrame() + ") with a new XID")
                            .evidence(c.lastFrame()).build());
                    ReplayReplyRule.Cached cached = replayReplies.differs(u.owner(), result);
                    if (cached != null && !replyDiffers) {
                        replyDiffers = true; // one finding per operation, even when it carries two owners
                        view.report(w.finding(FindingType.V40_REPLAY_REPLY_DIFFERS, op.name() + " for owner "
                                + u.label() + " replayed its request of frame " + c.lastFrame() + " (seqid " + r
                                + "), but the server's answer (" + Nfs4Names.status(status) + ") differs from its"
                                + " answer in frame " + cached.replyFrame() + ": the owner's reply cache did not give"
                                + " the original reply, so client and server may disagree about what happened")
                                .evidence(c.lastFrame(), cached.replyFrame()).build());
                    }
                }
                default -> {
                }
            }
            replayReplies.answered(u.owner(), result, w.reply.frame());
        }
    }
}
