package org.sanke.loadtest;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.sanke.classroom.LessonDirectory;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.media.NettyDirectMemoryMetrics;
import org.sanke.signaling.SignalingConfig;
import org.sanke.signaling.SignalingServer;

/**
 * A real Sanke (signaling and media, one media loop, loopback only) in the test's JVM, for the tool to play against.
 * Its /metrics has the JVM's memory, threads, collections and open files, as the server's does and more: they are
 * this JVM's, the tool's included.
 */
public final class InProcessSanke implements AutoCloseable {
    private final MediaServer media;
    private final SignalingServer signaling;
    private final JvmGcMetrics gc;

    private InProcessSanke(MediaServer media, SignalingServer signaling, JvmGcMetrics gc) {
        this.media = media;
        this.signaling = signaling;
        this.gc = gc;
    }

    public static InProcessSanke start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new NettyDirectMemoryMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        MediaServer media = MediaServer.start(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1,
                Duration.ofSeconds(30)), registry);
        SignalingServer signaling = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"),
                media::createRouter, new LessonDirectory(), registry);
        return new InProcessSanke(media, signaling, gc);
    }

    /** The HTTP base, e.g. http://127.0.0.1:40123. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + signaling.port());
    }

    @Override
    public void close() {
        signaling.close();
        media.close();
        gc.close();
    }
}
