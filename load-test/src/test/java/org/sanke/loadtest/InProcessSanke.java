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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.media.NettyDirectMemoryMetrics;
import org.sanke.signaling.Domain;
import org.sanke.signaling.SignalingConfig;
import org.sanke.signaling.SignalingServer;

/**
 * A real Sanke (signaling and media, one media loop, loopback only) in the test's JVM, for the tool to play against.
 * Its /metrics has the JVM's memory, threads, collections and open files, as the server's does and more: they are
 * this JVM's, the tool's included. It has a lead teacher with a login, as a server started with
 * {@code --seed-teacher} has: the tool logs in as her ({@link #credentials()}).
 */
public final class InProcessSanke implements AutoCloseable {
    /** The trial teacher's login and password (the password rule: 10 characters, three kinds). */
    public static final String LOGIN = "load";
    public static final String PASSWORD = "Trial-Run-2026";
    static final String SCHOOL_ID = "trial-school";
    static final String TEACHER_ID = "trial-teacher";

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
        Domain domain = signaling.domain();
        domain.schools().add(new School(SCHOOL_ID, "Trial school"));
        Person teacher = new Person(TEACHER_ID, SCHOOL_ID, "Trial teacher", PersonRole.LEAD_TEACHER);
        domain.schools().add(teacher);
        domain.access().accounts().create(teacher, LOGIN, PASSWORD, false);
        // As --seed-teacher does: the operator vouches for her, so she teaches every kind of lesson (S4).
        domain.access().records().declareRealName(teacher.id());
        return new InProcessSanke(media, signaling, gc);
    }

    /** The trial teacher's login, as the tool's --login and SANKE_PASSWORD give it. */
    public static Credentials credentials() {
        return new Credentials(LOGIN, PASSWORD);
    }

    /** The domain behind the server: its accounts, sessions and grants. */
    public Domain domain() {
        return signaling.domain();
    }

    /** The HTTP base, e.g. http://127.0.0.1:40123. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + signaling.port());
    }

    /**
     * One server for all the tests of a class, started before the first and closed after the last:
     * {@code @RegisterExtension static final InProcessSanke.PerClass SANKE = new InProcessSanke.PerClass();}
     */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private InProcessSanke sanke;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            sanke = start();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (sanke != null) {
                sanke.close();
            }
        }

        public InProcessSanke server() {
            return sanke;
        }

        public URI uri() {
            return sanke.uri();
        }
    }

    @Override
    public void close() {
        signaling.close();
        media.close();
        gc.close();
    }
}
