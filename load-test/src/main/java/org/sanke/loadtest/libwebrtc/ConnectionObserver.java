package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.Locale;

/**
 * Keeps a connection's state for the stats lines. Local ICE candidates go nowhere: the server is ICE-lite and never
 * takes trickled candidates; it learns the peer's address from the peer's own connectivity checks.
 */
final class ConnectionObserver implements PeerConnectionObserver {
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        // see the class comment
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState newState) {
        state = newState;
    }

    /** The state in lower case, as in the browser's connectionState. */
    String state() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    boolean failed() {
        return state == RTCPeerConnectionState.FAILED;
    }
}
