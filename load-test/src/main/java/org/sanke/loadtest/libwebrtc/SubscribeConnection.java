package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.RTCPeerConnection;

/**
 * The subscribe connection: libwebrtc answers the server's offers and receives, reorders, conceals and decodes what
 * the server forwards with its own jitter buffers, and tells the server about loss (NACK, PLI) and bandwidth
 * (transport-cc) as a browser does.
 */
final class SubscribeConnection implements AutoCloseable {
    final RTCPeerConnection connection;
    final ConnectionObserver observer = new ConnectionObserver();

    SubscribeConnection(LibWebRtc webrtc) {
        connection = webrtc.receiving.createPeerConnection(LibWebRtc.configuration(), observer);
    }

    /** Applies one subscribe offer; returns the answer's SDP (a=setup:active, as libwebrtc answers an actpass). */
    String answer(String offerSdp) throws Exception {
        return OfferAnswer.answer(connection, offerSdp);
    }

    @Override
    public void close() {
        connection.close();
    }
}
