package org.sanke.media.api;

/** One outgoing track to one subscriber. */
public interface Consumer {
    String id();

    String producerId();

    ConsumerParameters parameters();

    /** Stops sending. Idempotent. */
    void close();
}
