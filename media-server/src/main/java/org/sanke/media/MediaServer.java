package org.sanke.media;

import io.micrometer.core.instrument.MeterRegistry;
import org.sanke.media.api.Router;

/** The SFU: one UDP port, a few event loops, routers created on demand. */
public final class MediaServer implements AutoCloseable {
    private MediaServer() {
    }

    /** Binds the UDP port and starts the event loops. */
    public static MediaServer start(MediaServerConfig config, MeterRegistry registry) throws InterruptedException {
        throw new UnsupportedOperationException("skeleton: being implemented");
    }

    /** The UDP port actually bound (useful when the configured port was 0). */
    public int port() {
        throw new UnsupportedOperationException("skeleton: being implemented");
    }

    public Router createRouter() {
        throw new UnsupportedOperationException("skeleton: being implemented");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("skeleton: being implemented");
    }
}
