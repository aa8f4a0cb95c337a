package org.nfslockscope.cli;

import java.nio.file.Path;
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
    private static final Set<Integer> CLIENT_TO_SERVER_NLM = Set.of(1, 2, 3, 4, 6, 7, 8, 9, 20, 21, 22);

    final LockView view;
    /** Calls per "PROGRAM vN PROC", retransmissions not counted. */
    final Map<String, Long> callsByProcedure = new TreeMap<>();
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
    static LockAnalysis streaming(Path capture, Settings settings, CaptureInput.Control control, FindingSink sink,
                                  org.nfslockscope.lockview.LockEventListener events) {
        LockAnalysis a = new LockAnalysis(settings, sink);
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
        LockAnalysis a = new LockAnalysis(settings);
        a.pass = CaptureInput.run(capture, a, control);
        if (!a.pass.failed() && !a.pass.interrupted()) {
            a.view.finish();
        }
        return a;
    }

    /** The lock view as it stood right after frame {@code frame}; end-of-capture analyses are not run. */
    static LockAnalysis at(Path capture, Settings settings, long frame, CaptureInput.Control control) {
        LockAnalysis a = new LockAnalysis(settings);
        a.pass = CaptureInput.run(capture, a, frame, control);
        return a;
    }

    java.util.List<org.nfslockscope.findings.Finding> findings() {
        return view.findings().stream().filter(filter::keep).toList();
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

    /*
     * Every call is counted under a "PROGRAM vN PROC" label and its client's host text, and
     * building them anew per call was a good part of what this pass allocated. Captures hold few
     * procedures and few endpoints, and the pipeline shares endpoint instances, so the last label
     * and a bounded table of host texts serve nearly every call.
     */
    private static final int MAX_HOSTS = 4096;
    private int lastProgram = -1;
    private int lastVersion = -1;
    private int lastProcedure = -1;
    private String lastLabel;
    private final Map<org.nfslockscope.net.Endpoint, String> hosts = new java.util.HashMap<>();

    private String label(RpcCall c) {
        if (lastLabel == null || c.program() != lastProgram || c.version() != lastVersion
                || c.procedure() != lastProcedure) {
            lastProgram = c.program();
            lastVersion = c.version();
            lastProcedure = c.procedure();
            lastLabel = Programs.programName(c.program()) + " v" + c.version() + " "
                    + Programs.procedureName(c.program(), c.version(), c.procedure());
        }
        return lastLabel;
    }

    private String host(org.nfslockscope.net.Endpoint src) {
        String h = hosts.get(src);
        if (h == null) {
            if (hosts.size() >= MAX_HOSTS) {
                hosts.clear();
            }
            h = src.host();
            hosts.put(src, h);
        }
        return h;
    }

    @Override
    public void onMessage(RpcEvent e) {
        view.onMessage(e);
        if (!e.isCall() || e.retransmission()) {
            return;
        }
        RpcCall c = e.call().call();
        callsByProcedure.merge(label(c), 1L, Long::sum);
        if (c.program() == Programs.NFS && c.version() == 4 && c.procedure() == 1) {
            nfs4Compounds++;
            clients.add(host(e.src()));
        } else if (Programs.isTransient(c.program()) && c.procedure() == 1) {
            nfs4Callbacks++;
        } else if (c.program() == Programs.NLM) {
            nlmCalls++;
            if (CLIENT_TO_SERVER_NLM.contains(c.procedure())) {
                clients.add(host(e.src()));
            }
        } else if (c.program() == Programs.NSM) {
            nsmCalls++;
        }
    }
}
