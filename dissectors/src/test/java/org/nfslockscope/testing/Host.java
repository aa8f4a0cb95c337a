package org.nfslockscope.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.nfslockscope.net.Endpoint;

/** A host of a test capture: an IPv4 or IPv6 address given as a literal. */
public record Host(byte[] address) {

    public static Host of(String literal) {
        try {
            // Literals only: InetAddress does no lookup for them.
            return new Host(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    public boolean ipv6() {
        return address.length == 16;
    }

    public Endpoint port(int port) {
        return new Endpoint(address.clone(), port);
    }

    /** A MAC address derived from the IP address, so that Ethernet headers differ per host. */
    byte[] mac() {
        byte[] m = {0x02, 0, 0, 0, 0, 0};
        for (int i = 0; i < 4; i++) {
            m[2 + i] = address[address.length - 4 + i];
        }
        return m;
    }
}
