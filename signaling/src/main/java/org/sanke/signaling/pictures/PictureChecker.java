package org.sanke.signaling.pictures;

import java.util.concurrent.CompletableFuture;

/** Judges still pictures of live streams; pluggable, {@link WebhookPictureChecker} by default. */
public interface PictureChecker extends AutoCloseable {
    /** Never blocks the caller; fails (or times out) when no verdict could be had: then nothing is done. */
    CompletableFuture<Verdict> check(PictureContext context, byte[] jpeg);

    @Override
    default void close() {
    }
}
