package org.nfslockscope.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.nfs4.Compound;
import org.nfslockscope.nfs4.CompoundResult;
import org.nfslockscope.nfs4.GetFh;
import org.nfslockscope.nfs4.Lookup;
import org.nfslockscope.nfs4.Nfs4Op;
import org.nfslockscope.nfs4.Nfs4Result;
import org.nfslockscope.nfs4.Open;
import org.nfslockscope.nfs4.PutFh;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;

/**
 * File names learnt from NFSv4 traffic, so that {@code --file} can take a path as well as a
 * filehandle: a COMPOUND that walks to a file by LOOKUP or OPEN (CLAIM_NULL) and asks GETFH tells
 * which handle the name has. Names are relative to what the capture shows: a walk that starts
 * from a handle of unknown name gets "..." in front. Only run when --file is given a name.
 */
final class FileNames implements RpcListener {
    private static final int PUTPUBFH = 23;
    private static final int PUTROOTFH = 24;
    private static final int LOOKUPP = 16;
    private static final int MAX_PENDING = 10_000;
    /** CREATE, OPENATTR, RESTOREFH, SECINFO, SECINFO_NO_NAME (RFC 8881 §18): the rest keep the current handle. */
    private static final java.util.Set<Integer> CHANGE_FH_UNFOLLOWED = java.util.Set.of(6, 19, 31, 33, 52);

    private record Key(long frame, int xid) {
    }

    private final Decoders decoders = Decoders.standard();
    private final Map<Key, Compound> pending = new LinkedHashMap<>();
    private final Map<String, String> pathByFh = new HashMap<>();

    @Override
    public void onMessage(RpcEvent e) {
        if (e.call() == null || e.program() != Programs.NFS || e.version() != 4 || e.procedure() != 1) {
            return;
        }
        if (e.isCall()) {
            if (!e.retransmission() && decoders.decode(e) instanceof Compound c && names(c.ops())) {
                pending.put(new Key(e.frame(), e.message().xid()), c);
                if (pending.size() > MAX_PENDING) {
                    pending.remove(pending.keySet().iterator().next());
                }
            }
            return;
        }
        Compound c = pending.remove(new Key(e.call().frame(), e.message().xid()));
        DecodedBody body = c == null ? null : decoders.decode(e);
        if (body instanceof CompoundResult r) {
            walk(c.ops(), r.results());
        }
    }

    private static boolean names(List<Nfs4Op> ops) {
        return ops.stream().anyMatch(op -> op instanceof Lookup || op instanceof Open);
    }

    /** Follows the current filehandle through the operations the server carried out. */
    private void walk(List<Nfs4Op> ops, List<Nfs4Result> results) {
        String current = null;
        for (int i = 0; i < ops.size() && i < results.size(); i++) {
            if (results.get(i).status() != 0) {
                return;
            }
            Nfs4Op op = ops.get(i);
            if (op.opcode() == PUTROOTFH || op.opcode() == PUTPUBFH) {
                current = "";
            } else if (op instanceof PutFh p) {
                current = pathByFh.getOrDefault(normal(p.fh()), "...");
            } else if (op instanceof Lookup l) {
                current = child(current, l.objname());
            } else if (op.opcode() == LOOKUPP) {
                current = current == null || current.lastIndexOf('/') < 0 ? null
                        : current.substring(0, current.lastIndexOf('/'));
            } else if (op instanceof Open o && o.claim() != null && o.claim().type() == Open.CLAIM_NULL) {
                current = child(current, o.claim().file());
            } else if (results.get(i) instanceof GetFh.Result g && g.fh() != null && current != null
                    && !current.isEmpty()) {
                pathByFh.put(normal(g.fh()), current);
            } else if (CHANGE_FH_UNFOLLOWED.contains(op.opcode())) {
                // The current filehandle moves somewhere not followed: a later GETFH must not get a wrong name.
                current = null;
            }
        }
    }

    private static String child(String dir, String name) {
        return (dir == null ? "..." : dir) + "/" + name;
    }

    private static String normal(String fh) {
        String f = fh.toLowerCase();
        return f.startsWith("0x") ? f.substring(2) : f;
    }

    /** The path seen for this filehandle (hex, with or without 0x), or null. */
    String pathOf(String fh) {
        return fh == null ? null : pathByFh.get(normal(fh));
    }
}
