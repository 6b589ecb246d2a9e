package org.sanke.server;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAttendanceStore;
import org.sanke.classroom.store.JdbcLessonStore;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.signaling.Domain;
import org.sanke.signaling.SignalingConfig;
import org.sanke.signaling.SignalingServer;

/** The whole server in one process: media server, signaling, the lessons, metrics. */
public final class SankeServer implements AutoCloseable {
    public static final String DEMO_LESSON_ID = "demo";

    private final SankeOptions options;
    private final MediaServer media;
    private final SignalingServer signaling;
    private final LessonDirectory lessons;
    private final JvmGcMetrics gcMetrics;

    private SankeServer(SankeOptions options, MediaServer media, SignalingServer signaling, LessonDirectory lessons,
                        JvmGcMetrics gcMetrics) {
        this.options = options;
        this.media = media;
        this.signaling = signaling;
        this.lessons = lessons;
        this.gcMetrics = gcMetrics;
    }

    public static SankeServer start(SankeOptions options) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Database database = Database.open(options.databaseUrl(), options.databaseUser(), options.databasePassword());
        LessonDirectory lessons = new LessonDirectory(new JdbcLessonStore(database), options.modePolicies());
        if (options.demoLesson() && lessons.find(DEMO_LESSON_ID).isEmpty()) {
            lessons.createWithId(DEMO_LESSON_ID, "Demo lesson", LessonMode.DEDICATED, 6);
        }
        MediaServer media = MediaServer.start(new MediaServerConfig(options.bindAddress(), options.mediaPort(),
                options.announcedAddresses(), options.mediaEventLoops(), Duration.ofSeconds(30)), registry);
        SignalingServer signaling;
        try {
            signaling = SignalingServer.start(new SignalingConfig(options.bindAddress(), options.httpPort(),
                    SignalingConfig.defaults().maxMessageBytes(), "web"), media::createRouter,
                    Domain.of(database, lessons, new JdbcAttendanceStore(database), Domain.DEFAULT_ZONE), registry);
        } catch (Exception e) {
            media.close();
            gc.close();
            throw e;
        }
        return new SankeServer(options, media, signaling, lessons, gc);
    }

    public int httpPort() {
        return signaling.port();
    }

    public int mediaPort() {
        return media.port();
    }

    /** Where a browser on this machine reaches the server. */
    public String baseUrl() {
        String bind = options.bindAddress();
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort();
    }

    public LessonDirectory lessons() {
        return lessons;
    }

    @Override
    public void close() {
        signaling.close();
        media.close();
        gcMetrics.close();
    }
}
