package org.sanke.media.api;

import java.util.concurrent.CompletableFuture;

/** A group of transports whose producers and consumers may be connected; one per live session of the caller's choosing. */
public interface Router {
    String id();

    CompletableFuture<WebRtcTransport> createWebRtcTransport(TransportListener listener);

    /** Closes every transport of the router. Idempotent. */
    void close();
}
