package org.nfslockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Endpoints order by address bytes read as unsigned, then by port, consistently with equals: the
 * order that makes a connection's key the same from both directions and that the connection
 * table's crowded bins fall back on.
 */
class EndpointOrderTest {

    /** The order spelt out on the bytes, to check the word-wise comparison of IPv4 against. */
    private static int byBytes(Endpoint a, Endpoint b) {
        int c = Arrays.compareUnsigned(a.address(), b.address());
        return c != 0 ? c : Integer.compare(a.port(), b.port());
    }

    @Test
    void ordersAsTheBytesReadUnsignedThenThePort() {
        Random random = new Random(7);
        List<Endpoint> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            byte[] address = new byte[i % 5 == 0 ? 16 : 4];
            random.nextBytes(address);
            if (i % 3 == 0) {
                address[0] = (byte) (0x80 | address[0]); // the sign bit of the first byte set
            }
            all.add(new Endpoint(address, random.nextInt(65536)));
        }
        all.add(Endpoint.parse("10.0.0.1", 2049));
        all.add(Endpoint.parse("10.0.0.1", 40000));
        all.add(Endpoint.parse("200.0.0.1", 2049));
        all.add(Endpoint.parse("10.0.0.1", 0));
        for (Endpoint a : all) {
            for (Endpoint b : all) {
                assertEquals(Integer.signum(byBytes(a, b)), Integer.signum(a.compareTo(b)), a + " vs " + b);
                assertEquals(a.equals(b), a.compareTo(b) == 0, a + " vs " + b);
            }
        }
    }

    @Test
    void aConnectionHasOneKeyFromEitherSide() {
        Endpoint client = Endpoint.parse("192.168.1.20", 883);
        Endpoint server = Endpoint.parse("10.1.0.1", 2049);
        assertEquals(FlowKey.of(client, server), FlowKey.of(server, client));
        assertEquals(server, FlowKey.of(client, server).low());
    }
}
