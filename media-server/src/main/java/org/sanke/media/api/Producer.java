package org.sanke.media.api;

/** One incoming track. */
public interface Producer {
    String id();

    MediaKind kind();

    ProducerParameters parameters();

    /**
     * Holds the track (nothing of it is forwarded to any consumer, whatever the publisher sends) or lets it go again,
     * asking the publisher for a keyframe so that receivers recover at once. Completes on the media loop once in
     * force, with the time of the last packet forwarded before it ({@link System#nanoTime()} scale; 0 if none).
     */
    java.util.concurrent.CompletableFuture<Long> hold(boolean held);

    /** Stops receiving; every consumer of it closes too. Idempotent. */
    void close();
}
