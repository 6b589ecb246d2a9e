package org.sanke.media.sfu;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the transport a datagram belongs to: by the sender's address once ICE has validated it, and by the local
 * ICE username fragment for a STUN check from an address not seen yet. Read by every loop, written by the loop
 * that owns the transport.
 */
final class TransportDirectory {
    private final ConcurrentHashMap<InetSocketAddress, WebRtcTransportImpl> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, WebRtcTransportImpl> byUfrag = new ConcurrentHashMap<>();

    WebRtcTransportImpl byAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    WebRtcTransportImpl byUfrag(String localUfrag) {
        return byUfrag.get(localUfrag);
    }

    void registerUfrag(String localUfrag, WebRtcTransportImpl transport) {
        byUfrag.put(localUfrag, transport);
    }

    /** Binds a validated address; an address moving to another transport (a re-used port) is taken over. */
    void bindAddress(InetSocketAddress address, WebRtcTransportImpl transport) {
        byAddress.put(address, transport);
    }

    void unregister(WebRtcTransportImpl transport) {
        byUfrag.remove(transport.localUfrag(), transport);
        byAddress.values().removeIf(t -> t == transport);
    }

    int addressCount() {
        return byAddress.size();
    }
}
