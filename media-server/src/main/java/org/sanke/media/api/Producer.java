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

    /**
     * Adds a tap that gets every forwarded packet from now on (see {@link PacketTap}); the returned handle removes
     * it. A producer has at most a few taps (a recorder, a still-frame sampler).
     */
    AutoCloseable addTap(PacketTap tap);

    /** Asks the publisher for a keyframe, merged with the subscribers' requests (at most one PLI per 300 ms). */
    void requestKeyframe();

    /** Stops receiving; every consumer of it closes too. Idempotent. */
    void close();
}
