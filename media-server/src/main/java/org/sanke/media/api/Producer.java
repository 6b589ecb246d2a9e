package org.sanke.media.api;

/** One incoming track. */
public interface Producer {
    String id();

    MediaKind kind();

    ProducerParameters parameters();

    /** Stops receiving; every consumer of it closes too. Idempotent. */
    void close();
}
