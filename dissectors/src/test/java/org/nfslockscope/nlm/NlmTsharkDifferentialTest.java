package org.nfslockscope.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfslockscope.nlm.DecodedCapture.Message;
import org.nfslockscope.nsm.Mon;
import org.nfslockscope.nsm.MonId;
import org.nfslockscope.nsm.NsmMessage;
import org.nfslockscope.nsm.SmName;
import org.nfslockscope.nsm.SmStat;
import org.nfslockscope.nsm.SmStatRes;
import org.nfslockscope.nsm.StatChge;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.testing.TestCaptures;
import org.nfslockscope.testing.Tshark;

/**
 * Our NLM and NSM decoding against tshark's, frame by frame, on every capture the project has. For
 * each frame both sides give, per column, the values of every NLM/NSM message in it; the columns
 * are compared as sorted lists, because tshark lists occurrences field by field, not message by
 * message.
 */
class NlmTsharkDifferentialTest {

    /** Our column name, then the tshark fields whose occurrences make it up. */
    private static final String[][] COLUMNS = {
        {"nlmProc", "nlm.procedure_v1", "nlm.procedure_v2", "nlm.procedure_v3", "nlm.procedure_v4"},
        {"cookie", "nlm.cookie"},
        {"block", "nlm.block"},
        {"exclusive", "nlm.exclusive"},
        {"reclaim", "nlm.reclaim"},
        {"state", "nlm.state"},
        {"svid", "nlm.lock.svid"},
        {"offset", "nlm.lock.l_offset", "nlm.lock.l_offset64"},
        {"length", "nlm.lock.l_len", "nlm.lock.l_len64"},
        {"stat", "nlm.stat", "nlm.test_stat.stat"},
        {"nsmProc", "stat.procedure_v1"},
        {"monName", "stat.name", "stat.mon_id.name"},
        {"nsmState", "stat.state", "stat.stat_res.state"},
        {"resStat", "stat.stat_res.res"},
    };

    /**
     * tshark finds RPC on an unregistered port only after it has seen the portmap answer naming it.
     * ganesha opens a new connection to statd (port 662 here) for every call, and the first ones
     * come before any GETPORT, so tshark would show them as bare TCP.
     */
    private static final List<String> DECODE_AS = List.of("tcp.port==662,rpc");

    static Stream<Arguments> captures() {
        return TestCaptures.all().stream().map(p -> Arguments.of(Named.of(TestCaptures.label(p), p)));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void sameFieldsAsTshark(Path capture) {
        assumeTrue(Tshark.available(), "tshark is not installed");
        Map<Long, Map<String, List<String>>> ours = ours(DecodedCapture.nlmAndNsm(capture));
        Map<Long, Map<String, List<String>>> theirs = tshark(capture);
        List<String> differences = new ArrayList<>();
        for (Long frame : union(ours, theirs)) {
            Map<String, List<String>> o = ours.getOrDefault(frame, Map.of());
            Map<String, List<String>> t = theirs.getOrDefault(frame, Map.of());
            for (String[] c : COLUMNS) {
                List<String> ov = sorted(o.get(c[0]));
                List<String> tv = sorted(t.get(c[0]));
                if (!ov.equals(tv)) {
                    differences.add("frame " + frame + " " + c[0] + ": ours " + ov + ", tshark " + tv);
                }
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " differences, first: "
                + differences.subList(0, Math.min(10, differences.size())));
    }

    private static List<Long> union(Map<Long, ?> a, Map<Long, ?> b) {
        TreeMap<Long, Boolean> all = new TreeMap<>();
        a.keySet().forEach(k -> all.put(k, true));
        b.keySet().forEach(k -> all.put(k, true));
        return new ArrayList<>(all.keySet());
    }

    private static List<String> sorted(List<String> values) {
        List<String> s = new ArrayList<>(values == null ? List.of() : values);
        s.sort(null);
        return s;
    }

    private static Map<Long, Map<String, List<String>>> tshark(Path capture) {
        List<String> fields = new ArrayList<>(List.of("frame.number"));
        for (String[] c : COLUMNS) {
            fields.addAll(Arrays.asList(c).subList(1, c.length));
        }
        List<String[]> rows = Tshark.fields(capture, "nlm || stat", DECODE_AS, fields.toArray(String[]::new));
        Map<Long, Map<String, List<String>>> out = new TreeMap<>();
        for (String[] row : rows) {
            Map<String, List<String>> cols = new TreeMap<>();
            int i = 1;
            for (String[] c : COLUMNS) {
                List<String> values = new ArrayList<>();
                for (int k = 1; k < c.length; k++, i++) {
                    if (i < row.length && !row[i].isEmpty()) {
                        values.addAll(Arrays.asList(row[i].split("\\|")));
                    }
                }
                cols.put(c[0], values);
            }
            out.put(Long.parseLong(row[0]), cols);
        }
        return out;
    }

    private static Map<Long, Map<String, List<String>>> ours(List<Message> messages) {
        Map<Long, Map<String, List<String>>> out = new TreeMap<>();
        for (Message m : messages) {
            Columns c = new Columns(out.computeIfAbsent(m.frame(), f -> new TreeMap<>()));
            if (m.program() == Programs.NLM) {
                c.add("nlmProc", m.procedure());
                if (m.body() instanceof NlmMessage n && n.body() != null) {
                    nlm(c, n.body());
                }
            } else {
                c.add("nsmProc", m.procedure());
                if (m.body() instanceof NsmMessage n && n.body() != null) {
                    nsm(c, n.body());
                }
            }
        }
        return out;
    }

    /** Collects one frame's values, in tshark's text form. */
    private record Columns(Map<String, List<String>> map) {
        void add(String column, String value) {
            if (value != null) {
                map.computeIfAbsent(column, k -> new ArrayList<>()).add(value);
            }
        }

        void add(String column, int unsigned) {
            add(column, Integer.toUnsignedString(unsigned));
        }

        void add(String column, long unsigned) {
            add(column, Long.toUnsignedString(unsigned));
        }

        void add(String column, boolean b) {
            add(column, b ? "1" : "0");
        }

        /** The common head of the NLM argument structures; null for a field the structure lacks. */
        void request(String cookie, Boolean block, Boolean exclusive, NlmLock l) {
            add("cookie", cookie);
            if (block != null) {
                add("block", block.booleanValue());
            }
            if (exclusive != null) {
                add("exclusive", exclusive.booleanValue());
            }
            lock(l);
        }

        void result(String cookie, int stat) {
            add("cookie", cookie);
            add("stat", stat);
        }

        void lock(NlmLock l) {
            add("svid", l.svid());
            add("offset", l.offset());
            add("length", l.length());
        }
    }

    private static void nlm(Columns c, NlmBody body) {
        if (body instanceof LockArgs a) {
            c.request(a.cookieHex(), a.block(), a.exclusive(), a.lock());
            c.add("reclaim", a.reclaim());
            c.add("state", a.state());
        } else if (body instanceof CancelArgs a) {
            c.request(a.cookieHex(), a.block(), a.exclusive(), a.lock());
        } else if (body instanceof TestArgs a) {
            c.request(a.cookieHex(), null, a.exclusive(), a.lock());
        } else if (body instanceof UnlockArgs a) {
            c.request(a.cookieHex(), null, null, a.lock());
        } else if (body instanceof Res r) {
            c.result(r.cookieHex(), r.stat());
        } else if (body instanceof TestRes r) {
            c.result(r.cookieHex(), r.stat());
            Holder h = r.holder();
            if (h != null) {
                // tshark files the holder under the same fields as a lock.
                c.add("exclusive", h.exclusive());
                c.lock(new NlmLock(null, null, h.ohHex(), h.svid(), h.offset(), h.length()));
            }
        } else if (body instanceof ShareArgs a) {
            c.add("cookie", a.cookieHex());
            c.add("reclaim", a.reclaim());
        } else if (body instanceof ShareRes r) {
            c.result(r.cookieHex(), r.stat());
        } else if (body instanceof Notify n) {
            c.add("state", n.state());
        } else if (body instanceof NsmNotify n) {
            c.add("state", n.state());
        }
    }

    private static void nsm(Columns c, org.nfslockscope.nsm.NsmBody body) {
        if (body instanceof SmName s) {
            c.add("monName", s.monName());
        } else if (body instanceof Mon m) {
            c.add("monName", m.monId().monName());
        } else if (body instanceof MonId m) {
            c.add("monName", m.monName());
        } else if (body instanceof StatChge s) {
            c.add("monName", s.monName());
            c.add("nsmState", s.state());
        } else if (body instanceof SmStatRes r) {
            c.add("resStat", r.resStat());
            c.add("nsmState", r.state());
        } else if (body instanceof SmStat s) {
            c.add("nsmState", s.state());
        }
        // my_id alone (SM_UNMON_ALL) carries nothing compared here
    }
}
