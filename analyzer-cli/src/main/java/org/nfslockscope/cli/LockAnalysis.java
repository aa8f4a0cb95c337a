package org.nfslockscope.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nfslockscope.analysis.LockView;
import org.nfslockscope.analysis.Settings;
import org.nfslockscope.findings.FindingSink;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcCall;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcListener;

/**
 * One pass of the whole pipeline with the lock view on top, plus the RPC counts the reports
 * show. {@code analyze} and {@code check} both run it, so they always agree.
 */
final class LockAnalysis implements RpcListener {
    /** NLM procedures a client sends to its server (the callbacks and results go the other way too). */
    private static final int CLIENT_TO_SERVER_NLM = 1 << 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 6 | 1 << 7 | 1 << 8
            | 1 << 9 | 1 << 20 | 1 << 21 | 1 << 22;

    final LockView view;
    /** Calls per program, version and procedure, retransmissions not counted; see {@link #callsByProcedure()}. */
    private final Map<Procedure, long[]> calls = new HashMap<>();
    /** The counter of the last procedure counted: runs of one procedure skip the table. */
    private Procedure lastProcedure;
    private long[] lastCount;
    /** The last client endpoint added to {@link #clients}: adding it again changes nothing. */
    private org.nfslockscope.net.Endpoint lastClient;
    final Set<String> clients = new HashSet<>();
    long nfs4Compounds;
    long nfs4Callbacks;
    long nlmCalls;
    long nsmCalls;
    CaptureInput.Pass pass;
    /** Narrows what reports show; the analysis itself always sees everything. */
    ReportFilter filter = new ReportFilter();

    private LockAnalysis(Settings settings) {
        this(settings, FindingSink.discarding());
    }

    private LockAnalysis(Settings settings, FindingSink sink) {
        this.view = new LockView(org.nfslockscope.decode.Decoders.standard(), settings, sink);
    }

    /** Like {@link #run}, handing every finding and lock event over as soon as the view learns it. */
    static LockAnalysis streaming(Path capture, Settings settings, CaptureInput.Control control, ReportFilter filter,
                                  FindingSink sink, org.nfslockscope.lockview.LockEventListener events) {
        LockAnalysis a = new LockAnalysis(settings, sink).narrowedTo(filter);
        a.view.lockEvents(events);
        a.pass = CaptureInput.run(capture, a, control);
        if (!a.pass.failed() && !a.pass.interrupted()) {
            a.view.finish();
        }
        return a;
    }

    static LockAnalysis run(Path capture, Settings settings) {
        return run(capture, settings, CaptureInput.Control.quiet(new Interrupt()));
    }

    /**
     * A pass cut short by Ctrl-C is reported like {@link #at}: the end-of-capture analyses would
     * mistake the cut for the end of the traffic.
     */
    static LockAnalysis run(Path capture, Settings settings, CaptureInput.Control control) {
        return run(capture, settings, control, new ReportFilter());
    }

    /** As {@link #run(Path, Settings, CaptureInput.Control)}, for a report narrowed by {@code filter}. */
    static LockAnalysis run(Path capture, Settings settings, CaptureInput.Control control, ReportFilter filter) {
        LockAnalysis a = new LockAnalysis(settings).narrowedTo(filter);
        a.pass = CaptureInput.run(capture, a, control);
        if (!a.pass.failed() && !a.pass.interrupted()) {
            a.view.finish();
        }
        return a;
    }

    /** The lock view as it stood right after frame {@code frame}; end-of-capture analyses are not run. */
    static LockAnalysis at(Path capture, Settings settings, long frame, CaptureInput.Control control,
                           ReportFilter filter) {
        LockAnalysis a = new LockAnalysis(settings).narrowedTo(filter);
        a.pass = CaptureInput.run(capture, a, frame, control);
        return a;
    }

    /**
     * The report's narrowing, set before the pass: the view then keeps the first findings of those
     * the report shows (it keeps a bounded number, {@link org.nfslockscope.findings.KeptFindings}).
     * --ignore is left to the reports, which say what they ignored.
     */
    private LockAnalysis narrowedTo(ReportFilter f) {
        filter = f;
        view.findingsKept().countOnly(f::keepIgnoringIds);
        return this;
    }

    java.util.List<org.nfslockscope.findings.Finding> findings() {
        return view.findings().stream().filter(filter::keep).toList();
    }

    /** Findings of the report at each severity, those not kept included. */
    java.util.Map<org.nfslockscope.findings.Severity, Long> findingCounts() {
        return view.findingsKept().raisedBySeverity(filter.ignoredIds());
    }

    /** Findings of {@code type} at {@code severity} the report counts, those not kept included. */
    long findingsRaised(org.nfslockscope.findings.FindingType type, org.nfslockscope.findings.Severity severity) {
        return view.findingsKept().raised(type, severity);
    }

    /** Findings counted but not kept (beyond the view's limits); 0 on nearly every capture. */
    long findingsNotKept() {
        return view.findingsKept().notKept();
    }

    java.util.List<LockView.HeldAtEnd> heldAtEnd() {
        return view.heldAtEnd().stream().filter(filter::keep).toList();
    }

    java.util.List<org.nfslockscope.lockview.Wait> waitersAtEnd() {
        return view.waitersAtEnd().stream().filter(filter::keep).toList();
    }

    @Override
    public void onCaptureStart(long timeNanos) {
        view.onCaptureStart(timeNanos);
    }

    @Override
    public void onCaptureGap(long connection, org.nfslockscope.net.Endpoint src, org.nfslockscope.net.Endpoint dst,
                             long missing, long frame) {
        view.onCaptureGap(connection, src, dst, missing, frame);
    }

    private record Procedure(int program, int version, int procedure) {
        // Spelled out: a record's own equals and hashCode are bound at first use through method handles.
        @Override
        public boolean equals(Object o) {
            return o instanceof Procedure p && program == p.program && version == p.version && procedure == p.procedure;
        }

        @Override
        public int hashCode() {
            return (program * 31 + version) * 31 + procedure;
        }
    }

    /** Calls per "PROGRAM vN PROC" label, retransmissions not counted, in label order. */
    Map<String, Long> callsByProcedure() {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<Procedure, long[]> e : calls.entrySet()) {
            Procedure p = e.getKey();
            String label = Programs.programName(p.program()) + " v" + p.version() + " "
                    + Programs.procedureName(p.program(), p.version(), p.procedure());
            out.merge(label, e.getValue()[0], Long::sum);
        }
        return out;
    }

    /*
     * Every call is counted, and its client's host text kept. Captures hold few procedures and
     * few endpoints, and the pipeline shares endpoint instances, so the last counter and a bounded
     * table of host texts serve nearly every call; labels are built only when asked for.
     */
    private static final int MAX_HOSTS = 4096;
    private final Map<org.nfslockscope.net.Endpoint, String> hosts = new java.util.HashMap<>();

    private void count(RpcCall c) {
        Procedure last = lastProcedure;
        if (last == null || c.program() != last.program() || c.version() != last.version()
                || c.procedure() != last.procedure()) {
            last = new Procedure(c.program(), c.version(), c.procedure());
            lastProcedure = last;
            lastCount = calls.computeIfAbsent(last, k -> new long[1]);
        }
        lastCount[0]++;
    }

    /** Counts the client's host; an endpoint in {@link #hosts} was counted already, so one lookup does. */
    private void client(org.nfslockscope.net.Endpoint src) {
        if (src == lastClient) {
            return;
        }
        lastClient = src;
        if (hosts.get(src) == null) {
            if (hosts.size() >= MAX_HOSTS) {
                hosts.clear();
            }
            String h = src.host();
            hosts.put(src, h);
            clients.add(h);
        }
    }

    @Override
    public void onMessage(RpcEvent e) {
        view.onMessage(e);
        if (!e.isCall() || e.retransmission()) {
            return;
        }
        RpcCall c = e.call().call();
        count(c);
        if (c.program() == Programs.NFS && c.version() == 4 && c.procedure() == 1) {
            nfs4Compounds++;
            client(e.src());
        } else if (Programs.isTransient(c.program()) && c.procedure() == 1) {
            nfs4Callbacks++;
        } else if (c.program() == Programs.NLM) {
            nlmCalls++;
            if (c.procedure() >= 0 && c.procedure() < 32 && (CLIENT_TO_SERVER_NLM & 1 << c.procedure()) != 0) {
                client(e.src());
            }
        } else if (c.program() == Programs.NSM) {
            nsmCalls++;
        }
    }
}
