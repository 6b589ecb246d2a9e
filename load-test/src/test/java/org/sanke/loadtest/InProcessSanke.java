package org.sanke.loadtest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.sanke.classroom.LessonDirectory;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.signaling.SignalingConfig;
import org.sanke.signaling.SignalingServer;

/** A real Sanke (signaling and media, one media loop, loopback only) in the test's JVM, for the tool to play against. */
public final class InProcessSanke implements AutoCloseable {
    private final MediaServer media;
    private final SignalingServer signaling;

    private InProcessSanke(MediaServer media, SignalingServer signaling) {
        this.media = media;
        this.signaling = signaling;
    }

    public static InProcessSanke start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MediaServer media = MediaServer.start(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1,
                Duration.ofSeconds(30)), registry);
        SignalingServer signaling = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"),
                media::createRouter, new LessonDirectory(), registry);
        return new InProcessSanke(media, signaling);
    }

    /** The HTTP base, e.g. http://127.0.0.1:40123. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + signaling.port());
    }

    @Override
    public void close() {
        signaling.close();
        media.close();
    }
}
