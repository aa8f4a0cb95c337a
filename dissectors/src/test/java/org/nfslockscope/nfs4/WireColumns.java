package org.nfslockscope.nfs4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nfslockscope.decode.DecodedBody;

/**
 * Our decoded COMPOUNDs flattened into the columns tshark prints with {@code -T fields}, in wire
 * order, so the two can be compared frame by frame. Each column is spelled as tshark spells it.
 */
final class WireColumns {
    static final String MINOR_VERSION = "nfs.minorversion";
    static final String OPCODE = "nfs.opcode";
    static final String CB_OPERATION = "nfs.cb.operation";
    static final String NFSSTAT4 = "nfs.nfsstat4";
    static final String STATEID_SEQID = "nfs.stateid.seqid";
    static final String STATEID_OTHER = "nfs.stateid.other";
    /** tshark shows the stateid of a CLOSE result only as one hex string, because RFC 7530 §16.2.5 deprecates it. */
    static final String STATEID_DEPRECATED = "nfs.stateid.deprecated";
    static final String SEQID = "nfs.seqid";
    static final String LOCK_SEQID = "nfs.lock_seqid";
    static final String LOCKTYPE = "nfs.locktype4";
    static final String OFFSET = "nfs.offset4";
    static final String LENGTH = "nfs.length4";
    static final String RECLAIM = "nfs.lock.reclaim";
    static final String NEW_LOCK_OWNER = "nfs.lock.locker.new_lock_owner";
    static final String CLIENTID = "nfs.clientid";
    static final String LEASE_TIME = "nfs.fattr4.lease_time";

    static final List<String> ALL = List.of(MINOR_VERSION, OPCODE, CB_OPERATION, NFSSTAT4, STATEID_SEQID, STATEID_OTHER, STATEID_DEPRECATED, SEQID,
            LOCK_SEQID, LOCKTYPE, OFFSET, LENGTH, RECLAIM, NEW_LOCK_OWNER, CLIENTID, LEASE_TIME);

    /**
     * Operations that {@link PlainOp} stands for but that carry stateids, offsets or statuses
     * tshark shows: a frame holding one is compared on its opcodes only.
     */
    private static final Set<Integer> OPAQUE_TO_US = Set.of(5, 26, 46, 47, 48, 49, 50, 51, 56, 59, 60, 61, 62, 63, 64,
            65, 66, 67, 68, 69, 70, 71);

    final Map<String, List<String>> columns = new LinkedHashMap<>();
    /** False when the frame holds an operation whose inner fields we do not model. */
    boolean fullyModelled = true;

    WireColumns() {
        for (String c : ALL) {
            columns.put(c, new ArrayList<>());
        }
    }

    private void add(String column, String value) {
        columns.get(column).add(value);
    }

    private void stateid(Stateid s) {
        add(STATEID_SEQID, Long.toString(Integer.toUnsignedLong(s.seqid())));
        add(STATEID_OTHER, s.otherHex());
    }

    private void clientid(long c) {
        add(CLIENTID, Nfs4Fields.clientid(c));
    }

    private void seqid(String column, int v) {
        add(column, String.format("0x%08x", v));
    }

    private void owner(StateOwner o) {
        clientid(o.clientid());
    }

    private void range(long offset, long length) {
        add(OFFSET, Long.toUnsignedString(offset));
        add(LENGTH, Long.toUnsignedString(length));
    }

    void add(DecodedBody body) {
        if (body instanceof Compound c) {
            add(MINOR_VERSION, Integer.toString(c.minorVersion()));
            c.ops().forEach(this::op);
        } else if (body instanceof CbCompound c) {
            add(MINOR_VERSION, Integer.toString(c.minorVersion()));
            c.ops().forEach(this::op);
        } else if (body instanceof CompoundResult c) {
            add(NFSSTAT4, Integer.toString(c.status()));
            c.results().forEach(this::result);
        } else if (body instanceof CbCompoundResult c) {
            add(NFSSTAT4, Integer.toString(c.status()));
            c.results().forEach(this::result);
        }
    }

    private void op(Nfs4Op op) {
        boolean cb = op instanceof CbOp || (op instanceof PlainOp p && p.callback());
        add(cb ? CB_OPERATION : OPCODE, Integer.toString(op.opcode()));
        if (op instanceof Open o) {
            seqid(SEQID, o.seqid());
            owner(o.owner());
            if (o.claim().delegateStateid() != null) {
                stateid(o.claim().delegateStateid());
            }
        } else if (op instanceof OpenConfirm o) {
            stateid(o.openStateid());
            seqid(SEQID, o.seqid());
        } else if (op instanceof OpenDowngrade o) {
            stateid(o.openStateid());
            seqid(SEQID, o.seqid());
        } else if (op instanceof Close o) {
            seqid(SEQID, o.seqid());
            stateid(o.openStateid());
        } else if (op instanceof Lock l) {
            add(LOCKTYPE, Integer.toString(l.locktype()));
            add(RECLAIM, l.reclaim() ? "1" : "0");
            range(l.offset(), l.length());
            if (l.locker() instanceof Lock.OpenToLockOwner n) {
                add(NEW_LOCK_OWNER, "1");
                seqid(SEQID, n.openSeqid());
                stateid(n.openStateid());
                seqid(LOCK_SEQID, n.lockSeqid());
                owner(n.lockOwner());
            } else if (l.locker() instanceof Lock.ExistLockOwner e) {
                add(NEW_LOCK_OWNER, "0");
                stateid(e.lockStateid());
                seqid(LOCK_SEQID, e.lockSeqid());
            }
        } else if (op instanceof LockT l) {
            add(LOCKTYPE, Integer.toString(l.locktype()));
            range(l.offset(), l.length());
            owner(l.owner());
        } else if (op instanceof LockU l) {
            add(LOCKTYPE, Integer.toString(l.locktype()));
            seqid(SEQID, l.seqid());
            stateid(l.lockStateid());
            range(l.offset(), l.length());
        } else if (op instanceof ReleaseLockowner r) {
            owner(r.lockOwner());
        } else if (op instanceof Renew r) {
            clientid(r.clientid());
        } else if (op instanceof SetClientIdConfirm s) {
            clientid(s.clientid());
        } else if (op instanceof DelegPurge d) {
            clientid(d.clientid());
        } else if (op instanceof DestroyClientid d) {
            clientid(d.clientid());
        } else if (op instanceof CreateSession s) {
            clientid(s.clientid());
            seqid(SEQID, s.sequenceid());
        } else if (op instanceof DelegReturn d) {
            stateid(d.delegStateid());
        } else if (op instanceof FreeStateid f) {
            stateid(f.stateid());
        } else if (op instanceof TestStateid t) {
            t.stateids().forEach(this::stateid);
        } else if (op instanceof Sequence s) {
            seqid(SEQID, s.sequenceid());
        } else if (op instanceof CbSequence s) {
            seqid(SEQID, s.sequenceid());
        } else if (op instanceof Read r) {
            stateid(r.stateid());
            add(OFFSET, Long.toUnsignedString(r.offset()));
        } else if (op instanceof Write w) {
            stateid(w.stateid());
            add(OFFSET, Long.toUnsignedString(w.offset()));
        } else if (op instanceof SetAttr s) {
            stateid(s.stateid());
        } else if (op instanceof CbRecall r) {
            stateid(r.stateid());
        } else if (op instanceof CbNotifyLock n) {
            owner(n.lockOwner());
        } else if (op instanceof PlainOp p) {
            fullyModelled &= !(OPAQUE_TO_US.contains(p.opcode()) || p.callback());
        }
    }

    private void result(Nfs4Result res) {
        boolean cb = res instanceof CbResult || (res instanceof PlainResult p && p.callback());
        add(cb ? CB_OPERATION : OPCODE, Integer.toString(res.opcode()));
        add(NFSSTAT4, Integer.toString(res.status()));
        if (res instanceof StateidResult s) {
            if (s.stateid() != null && s.opcode() == Close.OPCODE) {
                // tshark flags this stateid instead of dissecting it (-T fields prints 1), so only its presence is compared.
                add(STATEID_DEPRECATED, "1");
            } else if (s.stateid() != null) {
                stateid(s.stateid());
            }
        } else if (res instanceof Lock.Result l) {
            if (l.stateid() != null) {
                stateid(l.stateid());
            }
            if (l.denied() != null) {
                denied(l.denied());
            }
        } else if (res instanceof LockT.Result l) {
            if (l.denied() != null) {
                denied(l.denied());
            }
        } else if (res instanceof Open.Result o) {
            if (o.stateid() != null) {
                stateid(o.stateid());
                if (o.delegation().stateid() != null) {
                    stateid(o.delegation().stateid());
                }
            }
        } else if (res instanceof SetClientId.Result s) {
            if (s.confirmVerifier() != null) {
                clientid(s.clientid());
            }
        } else if (res instanceof ExchangeId.Result e) {
            if (e.serverMajorIdHex() != null) {
                clientid(e.clientid());
                seqid(SEQID, e.sequenceid());
            }
        } else if (res instanceof CreateSession.Result c) {
            if (c.sessionid() != null) {
                seqid(SEQID, c.sequenceid());
            }
        } else if (res instanceof GetAttr.Result g) {
            // rdattr_error (11) and mds_threshold (68) hold an nfsstat4 and length4 values that tshark shows.
            List<Integer> mask = g.attrmask();
            if (g.leaseTime() >= 0) {
                add(LEASE_TIME, Long.toString(g.leaseTime()));
            }
            fullyModelled &= !(has(mask, 11) || has(mask, 68));
        } else if (res instanceof TestStateid.Result t) {
            t.codes().forEach(c -> add(NFSSTAT4, Integer.toString(c)));
        } else if (res instanceof Sequence.Result s) {
            if (s.sessionid() != null) {
                seqid(SEQID, s.sequenceid());
            }
        } else if (res instanceof CbSequence.Result s) {
            if (s.sessionid() != null) {
                seqid(SEQID, s.sequenceid());
            }
        } else if (res instanceof PlainResult p) {
            fullyModelled &= !(OPAQUE_TO_US.contains(p.opcode()) || p.callback());
        }
    }

    private static boolean has(List<Integer> mask, int attr) {
        return attr / 32 < mask.size() && (mask.get(attr / 32) & (1 << (attr % 32))) != 0;
    }

    private void denied(LockDenied d) {
        range(d.offset(), d.length());
        add(LOCKTYPE, Integer.toString(d.locktype()));
        owner(d.owner());
    }
}
