package org.sanke.media.api;

/** Reports from one transport to whoever created it. Called on the router's loop; must not block. */
public interface TransportListener {
    /** ICE and DTLS are done: media can flow. */
    default void onTransportConnected(WebRtcTransport transport) {
    }

    /** The transport closed: by {@link WebRtcTransport#close()}, DTLS failure, or consent timeout (RFC 7675). */
    default void onTransportClosed(WebRtcTransport transport, CloseReason reason) {
    }

    enum CloseReason { CLOSED_BY_APPLICATION, DTLS_FAILED, CONSENT_EXPIRED, ROUTER_CLOSED }
}
