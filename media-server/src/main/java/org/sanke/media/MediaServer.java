package org.sanke.media;

import io.micrometer.core.instrument.MeterRegistry;
import org.sanke.media.api.Router;
import org.sanke.media.sfu.MediaEngine;

/** The SFU: one UDP port, a few event loops, routers created on demand. */
public final class MediaServer implements AutoCloseable {
    private final MediaEngine engine;

    private MediaServer(MediaEngine engine) {
        this.engine = engine;
    }

    /**
     * Binds the UDP port and starts the event loops.
     *
     * @throws MediaPortInUseException when another socket (another Sanke, or anything else) holds the port
     */
    public static MediaServer start(MediaServerConfig config, MeterRegistry registry) throws InterruptedException {
        return new MediaServer(MediaEngine.start(config, registry));
    }

    /** The UDP port actually bound (useful when the configured port was 0). */
    public int port() {
        return engine.port();
    }

    /** A new router; pick one per group of peers that exchange media (a live lesson, for the signaling layer). */
    public Router createRouter() {
        return engine.createRouter();
    }

    @Override
    public void close() {
        engine.close();
    }
}
