package org.sanke.signaling;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a request or a connection comes from, for limits per address: the peer, or, when the peer is a proxy on
 * this machine (loopback), the address its X-Forwarded-For added last (the client it talked to).
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(String peer, String forwardedFor) {
        String address = peer == null ? "?" : peer;
        if (forwardedFor == null || !isLoopback(address)) {
            return address;
        }
        String[] hops = forwardedFor.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() || last.length() > 64 ? address : last;
    }

    /** An IP literal on this machine; never a name lookup. */
    static boolean isLoopback(String address) {
        if (address == null || !address.matches("[0-9A-Fa-f.:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
