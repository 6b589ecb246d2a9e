package org.sanke.server;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.QueuedAttendanceWriter;
import org.sanke.classroom.store.ServerLiveness;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Role;
import org.sanke.classroom.access.JoinGrants;
import org.sanke.classroom.access.Passwords;
import org.sanke.classroom.audit.RetentionPurge;
import org.sanke.classroom.store.Database;
import org.sanke.classroom.store.JdbcAttendanceStore;
import org.sanke.classroom.store.JdbcLessonStore;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.media.NettyDirectMemoryMetrics;
import org.sanke.signaling.Domain;
import org.sanke.signaling.SignalingConfig;
import org.sanke.signaling.SignalingServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole server in one process: media server, signaling, the lessons, metrics. */
public final class SankeServer implements AutoCloseable {
    public static final String DEMO_LESSON_ID = "demo";
    private static final Logger LOG = LoggerFactory.getLogger(SankeServer.class);
    /** How often the server says it is alive; a crash's open attendance is closed at the last one. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final SankeOptions options;
    private final MediaServer media;
    private final SignalingServer signaling;
    private final LessonDirectory lessons;
    private final JvmGcMetrics gcMetrics;
    private final Stores stores;
    private final HttpsSetup https;
    private final RetentionPurge purge;

    private SankeServer(SankeOptions options, MediaServer media, SignalingServer signaling, LessonDirectory lessons,
                        JvmGcMetrics gcMetrics, Stores stores, HttpsSetup https, RetentionPurge purge) {
        this.purge = purge;
        this.stores = stores;
        this.https = https;
        this.options = options;
        this.media = media;
        this.signaling = signaling;
        this.lessons = lessons;
        this.gcMetrics = gcMetrics;
    }

    /** @throws InvalidOptionException when a certificate or key given is unusable (the message names the option) */
    public static SankeServer start(SankeOptions options) throws Exception {
        // First, so that a bad certificate stops the start before anything else opens.
        HttpsSetup https = HttpsSetup.choose(options.transport(), options.announcedAddresses(), Clock.systemUTC());
        checkLexicon(options.textFilter().lexiconFile());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry); // open files: flat over a school day, or a leak
        new NettyDirectMemoryMetrics().bindTo(registry);

        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Database database = Database.open(options.databaseUrl(), options.databaseUser(), options.databasePassword());
        // What a crash left open is closed at the last heartbeat, before this run beats or anyone joins.
        ServerLiveness liveness = new ServerLiveness(database, Clock.system(Domain.DEFAULT_ZONE));
        int closed = liveness.closeOpenAttendance();
        if (closed > 0) {
            LOG.info("closed {} attendance rows left open by the last run, at its last heartbeat", closed);
        }
        liveness.startBeating(HEARTBEAT);
        QueuedAttendanceWriter attendance = new QueuedAttendanceWriter(new JdbcAttendanceStore(database));
        Gauge.builder("sanke.attendance.queued", attendance, QueuedAttendanceWriter::pending)
                .description("Attendance and quality writes waiting for the database").register(registry);
        FunctionCounter.builder("sanke.attendance.dropped", attendance, QueuedAttendanceWriter::droppedSamples)
                .description("Quality samples dropped because the write queue was full").tag("kind", "sample")
                .register(registry);
        FunctionCounter.builder("sanke.attendance.dropped", attendance,
                        QueuedAttendanceWriter::droppedJoinsAndLeaves)
                .description("Joins and leaves dropped because the write queue was full")
                .tag("kind", "join_or_leave").register(registry);
        Stores stores = new Stores(database, liveness, attendance);
        LessonDirectory lessons = new LessonDirectory(new JdbcLessonStore(database), options.modePolicies());
        if (options.demoLesson() && lessons.find(DEMO_LESSON_ID).isEmpty()) {
            lessons.createWithId(DEMO_LESSON_ID, "Demo lesson", LessonMode.DEDICATED, 6);
        }
        MediaServer media = MediaServer.start(new MediaServerConfig(options.bindAddress(), options.mediaPort(),
                options.announcedAddresses(), options.mediaEventLoops(), Duration.ofSeconds(30)), registry);
        SignalingServer signaling;
        try {
            signaling = SignalingServer.start(new SignalingConfig(options.bindAddress(), options.httpPort(),
                    SignalingConfig.defaults().maxMessageBytes(), "web")
                            .withTls(https == null ? null : https.identity())
                            .withAllowedOrigins(options.transport().allowedOrigins())
                            .withSingleSignOn(options.access().singleSignOn())
                            .withTextFilter(options.textFilter())
                            .withPictures(options.pictures())
                            .withRecordings(recordings(options.recordings())), media::createRouter,
                    Domain.of(database, lessons, attendance, Clock.system(Domain.DEFAULT_ZONE),
                            GrantKeys.load(options.access()), new Passwords()), registry);
        } catch (Exception e) {
            media.close();
            gc.close();
            stores.close();
            throw e;
        }
        if (options.access().seedTeacher() != null) {
            TrialTeacher.ensure(signaling.domain(), options.access().seedTeacher(), options.access().seedPassword());
        }
        // The floors were checked when the options were read; the purge runs off every loop, daily.
        RetentionPurge purge = new RetentionPurge(signaling.domain().access().records().audit(),
                signaling.domain().access().live(), options.retention(), Clock.system(Domain.DEFAULT_ZONE));
        purge.startDaily();
        return new SankeServer(options, media, signaling, lessons, gc, stores, https, purge);
    }

    /** A broken lexicon file stops the start here, naming the option, before anything opens. */
    /**
     * The recordings folder, made if missing, with what a killed server left in it finished first (issue 15); null
     * when lessons are not recorded.
     */
    private static java.nio.file.Path recordings(java.nio.file.Path folder) throws InvalidOptionException {
        if (folder == null) {
            return null;
        }
        try {
            java.nio.file.Files.createDirectories(folder);
            for (var result : org.sanke.recording.RecordingRecovery.recover(folder)) {
                if (result.outcome() != org.sanke.recording.mkv.MatroskaRecovery.Outcome.ALREADY_FINISHED) {
                    org.slf4j.LoggerFactory.getLogger(SankeServer.class).info("recording recovered: {}", result);
                }
            }
        } catch (java.io.IOException e) {
            throw new InvalidOptionException("--recordings-dir " + folder + " cannot be used: " + e.getMessage(), e);
        }
        return folder;
    }

    private static void checkLexicon(java.nio.file.Path file) throws InvalidOptionException {
        if (file == null) {
            return;
        }
        try {
            org.sanke.classroom.moderation.Lexicon.read(file);
        } catch (org.sanke.classroom.moderation.Lexicon.Invalid e) {
            throw new InvalidOptionException("--lexicon-file: " + e.getMessage(), e);
        }
    }

    /** The demo lesson's pages, with grants that let anyone holding them in for a day (printed at start). */
    public record DemoLinks(String teacher, String classroom) {
    }

    /** Fresh links to the demo lesson, empty when the server has none. */
    public Optional<DemoLinks> demoLinks() {
        if (!options.demoLesson()) {
            return Optional.empty();
        }
        JoinGrants grants = domain().access().grants();
        String teacher = grants.invitation(DEMO_LESSON_ID, Role.TEACHER, JoinGrants.LONGEST_INVITATION).token();
        String classroom = grants.invitation(DEMO_LESSON_ID, Role.CLASSROOM, JoinGrants.LONGEST_INVITATION).token();
        return Optional.of(new DemoLinks(baseUrl() + "/teacher.html?lesson=" + DEMO_LESSON_ID + "&grant=" + teacher,
                baseUrl() + "/classroom.html?lesson=" + DEMO_LESSON_ID + "&name=Classroom%201&grant=" + classroom));
    }

    /** The first run's page for making the platform administrator, while there is none. */
    public Optional<String> setupLink() {
        return domain().access().setup().pendingCode().map(code -> baseUrl() + "/setup.html?code=" + code);
    }

    /** The domain the server serves: lessons, people, access. */
    public Domain domain() {
        return signaling.domain();
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
        return (https == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + httpPort();
    }

    /** The certificate the HTTP port serves, empty for plain HTTP. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(https).map(h -> h.identity().certificate());
    }

    /** The self-signed certificate made or reused at this start, empty when there is none. */
    Optional<GeneratedCertificate.Kept> generatedCertificate() {
        return Optional.ofNullable(https).map(HttpsSetup::generated);
    }

    public LessonDirectory lessons() {
        return lessons;
    }

    @Override
    public void close() {
        signaling.close();
        media.close();
        gcMetrics.close();
        purge.close();
        domain().access().records().audit().close(); // what is queued is written before the database closes
        domain().access().live().close();
        stores.close();
    }

    /** What holds the database: closed last, after the queued writes are flushed. */
    private record Stores(Database database, ServerLiveness liveness, QueuedAttendanceWriter attendance)
            implements AutoCloseable {
        @Override
        public void close() {
            attendance.close();
            liveness.close();
            database.close();
        }
    }
}
