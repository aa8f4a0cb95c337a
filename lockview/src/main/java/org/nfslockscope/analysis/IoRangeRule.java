package org.nfslockscope.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfslockscope.findings.FindingType;
import org.nfslockscope.lockview.ByteRange;
import org.nfslockscope.lockview.FileLocks;
import org.nfslockscope.lockview.HeldLock;
import org.nfslockscope.lockview.Knowledge;
import org.nfslockscope.lockview.LockType;
import org.nfslockscope.lockview.Owner;

/**
 * V4-IO-UNLOCKED-RANGE (notes §3.4): a READ or WRITE the server carried out under a lock stateid
 * whose owner holds no lock over those bytes while another owner holds a conflicting one there.
 * Unix servers do not enforce locks on I/O (advisory locking), so this is information for
 * applications that expect mandatory locking. Only locks seen granted before the I/O was sent
 * count; reported once per lock stateid and conflicting owner.
 */
final class IoRangeRule {
    private static final int MAX_REPORTED = 1 << 16;

    private final ViewState view;
    private final Map<String, Boolean> reported = new LinkedHashMap<>();

    IoRangeRule(ViewState view) {
        this.view = view;
    }

    void io(Call c, Reply r, String op, boolean write, String lockOther, Owner owner, ViewState.FileKey file,
            long offset, long count, String clientId) {
        ByteRange range = count <= 0 ? null : ByteRange.ofNfs4(offset, count);
        FileLocks locks = range == null ? null : view.files.get(file);
        if (locks == null) {
            return;
        }
        // A read conflicts only with write locks; a write with any lock.
        List<HeldLock> clash = locks.conflicts(owner, range, write ? LockType.WRITE : LockType.READ);
        for (HeldLock h : clash) {
            if (h.grant().knowledge() != Knowledge.KNOWN || h.grant().sinceNanos() >= c.timeNanos()) {
                continue;
            }
            if (reported.putIfAbsent(lockOther + "|" + h.owner().key(), Boolean.TRUE) != null) {
                return;
            }
            Bounded.trim(reported, MAX_REPORTED);
            ViewState.Holder other = view.holders.get(h.owner());
            view.report(view.finding(FindingType.V4_IO_UNLOCKED_RANGE, r.frame(), r.timeNanos(), op + " of "
                    + range + " of " + file.label() + " under the lock stateid " + lockOther + " of " + owner.label()
                    + ", which holds no lock there, while " + h.owner().label()
                    + (other != null && other.client() != null ? " (" + other.client() + ")" : "") + " holds "
                    + h.type() + " " + h.range() + " (granted in frame " + h.grant().frame() + "); the server"
                    + " carried it out, as advisory locking allows")
                    .evidence(c.frame(), h.grant().frame()).client(Texts.text(c.msg().src()))
                    .server(Texts.text(c.msg().dst())).clientId(clientId).owner(owner.label()).file(file.label())
                    .range(range).build());
            return;
        }
    }
}
