package org.sanke.media.api;

import java.util.concurrent.CompletableFuture;

/** One ICE-lite + DTLS-SRTP transport to one browser PeerConnection, bundled on the server's shared UDP port. */
public interface WebRtcTransport {
    String id();

    TransportParameters parameters();

    /**
     * Gives the remote ICE credentials and DTLS fingerprint from the peer's SDP. Packets are accepted only after
     * this; the DTLS handshake fails unless the client's certificate matches the fingerprint.
     *
     * @param remoteIceUfrag  the peer's a=ice-ufrag
     * @param remoteIcePwd    the peer's a=ice-pwd (kept, though ICE-lite never sends checks)
     * @param fingerprintAlgorithm  e.g. "sha-256"
     * @param fingerprint     "AB:CD:..." as in a=fingerprint
     */
    CompletableFuture<Void> connect(String remoteIceUfrag, String remoteIcePwd, String fingerprintAlgorithm,
                                    String fingerprint);

    /** Starts receiving one track from the peer. */
    CompletableFuture<Producer> produce(ProducerParameters parameters);

    /** Starts sending a producer of the same router to the peer. */
    CompletableFuture<Consumer> consume(Producer producer, ConsumerParameters parameters);

    /** Closes the transport, its producers and consumers, and the consumers of its producers. Idempotent. */
    void close();
}
