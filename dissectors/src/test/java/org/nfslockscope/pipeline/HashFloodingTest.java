package org.nfslockscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.diag.Diagnostics;
import org.nfslockscope.net.Endpoint;

/**
 * Hash tables keyed by what a capture says (addresses, ports, xids, programs): whoever makes
 * the capture could give thousands of keys one hash code while endpoints hashed their address
 * and port by a fixed linear formula (the bench families in {@link HostileBench} were made for
 * it). Endpoints now mix a seed drawn per run into their hash, so such keys spread; should keys
 * collide all the same, a {@code HashMap} keeps them in a tree bin, whose lookups are O(log n)
 * only when the key class is {@code Comparable} to itself and its order agrees with equals. These
 * tests take the keys made for the old formula, check that they now spread and that the key class
 * meets that condition; and run the captures made for it through the pipeline. The RPC stage's
 * call tables are not hash maps but {@code RecentKeys}, whose hash is seeded per table:
 * {@code RecentKeysFloodingTest} covers them.
 */
class HashFloodingTest {
    private static Object make(String className, Object... args) throws ReflectiveOperationException {
        Class<?> c = Class.forName(className);
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.getParameterCount() == args.length) {
                k.setAccessible(true);
                return k.newInstance(args);
            }
        }
        throw new AssertionError("no constructor of " + args.length + " arguments in " + className);
    }

    /** The condition HashMap's tree bins check before ordering keys of one hash by compareTo. */
    private static boolean comparableToItself(Class<?> c) {
        for (Type t : c.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == Comparable.class
                    && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == c) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void assertFloodProof(List<Object> keys) {
        Class<?> c = keys.get(0).getClass();
        assertTrue(comparableToItself(c), c + " must be Comparable to itself");
        long distinct = keys.stream().mapToInt(Object::hashCode).distinct().count();
        assertTrue(distinct >= keys.size() * 99L / 100, distinct + " hash codes for " + keys.size() + " keys");
        assertEquals(keys.size(), new HashSet<>(keys).size(), "the keys are distinct");
        for (int i = 0; i + 1 < keys.size(); i++) {
            Comparable a = (Comparable) keys.get(i);
            Object b = keys.get(i + 1);
            int ab = a.compareTo(b);
            assertNotEquals(0, ab, "distinct keys must not compare equal");
            assertEquals(-Integer.signum(ab), Integer.signum(((Comparable) b).compareTo(a)));
            assertEquals(0, a.compareTo(keys.get(i)));
        }
    }

    private static Endpoint ep(String host, int port) {
        return Endpoint.parse(host, port);
    }

    @Test
    void connectionKeys() throws ReflectiveOperationException {
        // Made for the old formula, Arrays.hashCode(address) * 31 + port (bytes below 128, since
        // Arrays.hashCode sees them as signed): a third byte one higher, a fourth byte one higher
        // and a port 961 and 31 lower gave the same hash.
        List<Object> keys = new ArrayList<>();
        Endpoint server = ep("11.0.0.1", 2049);
        for (int c3 = 0; c3 < 40; c3++) {
            for (int d = 1; d < 128; d += 8) {
                Endpoint client = ep("10.0." + c3 + "." + d, 60_000 - c3 * 961 - d * 31);
                keys.add(make("org.nfslockscope.net.FlowKey", client, server));
            }
        }
        assertFloodProof(keys);
    }

    @Test
    void fragmentKeys() throws ReflectiveOperationException {
        // Made for the old formula: the id's hash is added after the addresses', so a source
        // address one higher (hash 31^4 higher) and an id 31^3 lower collided.
        List<Object> keys = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            for (int d = 0; d < 128; d++) {
                keys.add(make("org.nfslockscope.net.FragmentReassembler$Key", ep("10.0." + c + "." + d, 0),
                        ep("10.0.0.1", 0), Integer.MAX_VALUE - 29_791L * (31 * c + d), 17));
            }
        }
        assertFloodProof(keys);
    }

    @Test
    void collidingCapturesAreReadWhole(@TempDir Path dir) throws IOException {
        int n = 3000;
        String[] names = {"udp", "tcp", "recent"};
        List<IntFunction<org.nfslockscope.testing.CaptureBuilder>> families = List.of(
                HostileBench::collidingUdpCalls, HostileBench::collidingConnections, HostileBench::collidingRecentCalls);
        long[] calls = {n, 0, n + 1};
        for (int k = 0; k < 3; k++) {
            CaptureSummary s = RpcPipeline.run(families.get(k).apply(n).write(dir.resolve(names[k] + ".pcap")),
                    e -> { }, new Diagnostics(0));
            assertEquals(calls[k], s.rpc().calls(), names[k]);
            if (k == 1) {
                assertEquals(n, s.tcpConnections());
            }
        }
    }
}
