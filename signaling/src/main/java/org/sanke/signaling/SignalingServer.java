package org.sanke.signaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.BindException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.time.Clock;
import org.sanke.classroom.LessonDirectory;
import org.sanke.media.api.Router;
import org.sanke.signaling.protocol.InboundReader;
import org.sanke.signaling.protocol.Outbound;
import org.sanke.classroom.LessonAdmission;
import org.sanke.classroom.moderation.Lexicon;
import org.sanke.classroom.moderation.TextFilter;
import org.sanke.signaling.session.ClientSession;
import org.sanke.signaling.session.ConnectionMetrics;
import org.sanke.signaling.session.LessonLoops;
import org.sanke.classroom.sanction.Sanction;
import org.sanke.signaling.session.LessonRecords;
import org.sanke.signaling.session.LessonPictures;
import org.sanke.signaling.session.LessonRecordings;
import org.sanke.signaling.replay.ReplayJobs;
import org.sanke.recording.RecordingOptions;
import org.sanke.signaling.session.PersonPermits;
import org.sanke.signaling.session.LessonRooms;
import org.sanke.recording.StillFrameOptions;
import org.sanke.signaling.pictures.WebhookPictureChecker;
import org.sanke.signaling.session.Moderation;

/** The HTTP and WebSocket front door: pages, REST, health, metrics, and the signaling protocol at /ws. */
public final class SignalingServer implements AutoCloseable {
    /** Netty's own limit, above ours, so that we see an oversized message and can answer it before closing. */
    private static final int TRANSPORT_MESSAGE_LIMIT = 1024 * 1024;
    /** How often running timetabled lessons are checked for their end (plus overrun). */
    private static final long OVERDUE_CHECK_MS = 5_000;

    /**
     * The kernel's send buffer per connection, fixed rather than autotuned up to megabytes: what a client does not
     * read then waits where {@link ClientSession} counts it, and drops or closes it.
     */
    private static final int SOCKET_SEND_BUFFER = 64 * 1024;
    /** How long a closing WebSocket waits for the client's close frame before the connection is dropped. */
    private static final int CLOSING_TIMEOUT_SECONDS = 3;
    private static final int STORE_WORKERS = 8;
    private static final int STORE_QUEUE = 1_000;
    /** How often an operator's lexicon file is looked at for changes. */
    static final java.time.Duration LEXICON_CHECK = java.time.Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpServer http;
    private final LessonLoops loops;
    private final ExecutorService storeWorkers;
    private final Domain domain;
    private final TextFilter textFilter;
    private final LessonRooms rooms;
    private final ReplayJobs replayJobs;

    private SignalingServer(Vertx vertx, HttpServer http, LessonLoops loops, ExecutorService storeWorkers,
                            Domain domain, TextFilter textFilter, LessonRooms rooms, ReplayJobs replayJobs) {
        this.rooms = rooms;
        this.replayJobs = replayJobs;
        this.domain = domain;
        this.textFilter = textFilter;
        this.vertx = vertx;
        this.http = http;
        this.loops = loops;
        this.storeWorkers = storeWorkers;
    }

    /** Starts listening; returns once the port is bound. */
    public static SignalingServer start(SignalingConfig config, Supplier<Router> routers, LessonDirectory lessons,
                                        PrometheusMeterRegistry registry) throws Exception {
        return start(config, routers, Domain.inMemory(lessons), registry);
    }

    /** Starts listening over the given domain services; returns once the port is bound. */
    public static SignalingServer start(SignalingConfig config, Supplier<Router> routers, Domain domain,
                                        PrometheusMeterRegistry registry) throws Exception {
        // A malformed allowed origin fails here, before anything opens.
        OriginPolicy origins = new OriginPolicy(config.allowedOrigins());
        // So does a broken lexicon file (Lexicon.Invalid names it and the line).
        TextFilter textFilter = textFilter(config.textFilter());
        Vertx vertx = Vertx.vertx();
        ObjectMapper json = new ObjectMapper();
        Outbound outbound = new Outbound(json);
        LessonLoops loops = new LessonLoops(Math.max(1, Runtime.getRuntime().availableProcessors()));
        ExecutorService storeWorkers = storeWorkers();
        // Replays are composed beside the recordings: data/recordings → data/replays.
        ReplayJobs replayJobs = config.recordings() == null ? null : new ReplayJobs(domain.replays(),
                domain.schools(), config.recordings().toAbsolutePath().resolveSibling("replays"));
        LessonRooms rooms = new LessonRooms(new LessonAdmission(domain.lessons(), domain.scheduling(),
                domain.schools(), domain.access().grants(),
                personId -> domain.access().records().realName(personId).isPresent(),
                domain.sanctions()::keepsOut), domain.lessons(), domain.scheduling(), routers, domain.attendance(),
                Clock.systemUTC(), loops, storeWorkers, outbound, new Moderation(textFilter, registry),
                new LessonRecords(domain.access().records().audit(), domain.access().live(),
                        domain.reports()),
                new PersonPermits() {
                    @Override
                    public boolean limited(String personId, String classroomId) {
                        return domain.sanctions().limits(personId, classroomId);
                    }

                    @Override
                    public boolean mayPublish(String personId) {
                        return domain.minors().mayPublish(personId);
                    }
                }, pictures(config.pictures(), registry), config.recordings() == null ? LessonRecordings.off()
                : new LessonRecordings(config.recordings(), RecordingOptions.defaults(), replayJobs::finished));
        // A measure of safety staff's takes effect at once: kept out leaves every lesson, limited only watches.
        domain.sanctions().onImposed(sanction -> {
            boolean person = sanction.kind() == Sanction.Subject.PERSON;
            if (sanction.measure().keepsOut() && person) {
                domain.access().sessions().endAllOf(sanction.subject());
            }
            if (sanction.measure().keepsOut() || sanction.measure() == Sanction.Measure.LIMIT) {
                rooms.sanctioned(person ? sanction.subject() : null, person ? null : sanction.subject(),
                        sanction.measure().keepsOut());
            }
        });
        // Logout closes the person's lesson connections at once, not at their next join.
        domain.access().sessions().onPersonSignedOut(rooms::signedOut);
        ConnectionMetrics connections = new ConnectionMetrics(registry);
        Gauge.builder("sanke.lessons.live", rooms, LessonRooms::liveLessons)
                .description("Lessons with at least one participant").register(registry);
        vertx.setPeriodic(OVERDUE_CHECK_MS, id -> rooms.endOverdue());
        InboundReader reader = new InboundReader(json);
        ConnectionsPerAddress perAddress = new ConnectionsPerAddress(ConnectionsPerAddress.MOST);
        HttpServerOptions options = new HttpServerOptions()
                .setSendBufferSize(SOCKET_SEND_BUFFER)
                .setWebSocketClosingTimeout(CLOSING_TIMEOUT_SECONDS)
                .setMaxWebSocketFrameSize(TRANSPORT_MESSAGE_LIMIT)
                .setMaxWebSocketMessageSize(TRANSPORT_MESSAGE_LIMIT);
        if (config.tls() != null) {
            // The PEM text was read and checked at start: nothing is read from disk at listen or per handshake.
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertValue(Buffer.buffer(config.tls().certificatePem()))
                    .setKeyValue(Buffer.buffer(config.tls().privateKeyPem())));
        }
        HttpServer http = vertx.createHttpServer(options)
                .requestHandler(new HttpApi(json, domain, rooms, registry, origins, config.singleSignOn(),
                        replayJobs == null ? null : replayJobs.root()).router(vertx, config.webRoot()))
                // A page of another site must not act in a lesson with this browser's standing: refused before
                // the upgrade, so nothing of the protocol is ever spoken with it.
                .webSocketHandshakeHandler(handshake -> {
                    if (origins.allowsUpgrade(handshake.headers().get("Origin"), handshake.isSsl(),
                            handshake.authority(), handshake.headers().get("X-Forwarded-Proto"))) {
                        handshake.accept();
                    } else {
                        handshake.reject(403);
                    }
                })
                .webSocketHandler(socket -> {
                    if (!"/ws".equals(socket.path())) {
                        socket.close((short) 1008, "unknown path");
                        return;
                    }
                    String peer = socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
                    String forwarded = socket.headers().get("X-Forwarded-For");
                    // The machine's own programs (no proxy between) are not counted: the load tool, scripts.
                    boolean ownMachine = forwarded == null && ClientAddress.isLoopback(peer);
                    String address = ClientAddress.of(peer, forwarded);
                    if (!ownMachine && !perAddress.tryOpen(address)) {
                        socket.close((short) 1008, "too many connections from this address");
                        return;
                    }
                    new ClientSession(vertx, socket, rooms, reader, outbound, config, connections, address,
                            ownMachine ? () -> { } : () -> perAddress.closed(address)).start();
                });
        try {
            http.listen(config.port(), config.bindAddress()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            loops.close();
            storeWorkers.shutdownNow();
            textFilter.close();
            rooms.pictures().close();
            rooms.recordings().close();
            if (e.getCause() instanceof BindException) {
                throw new HttpPortInUseException(config.bindAddress(), config.port(), e.getCause());
            }
            throw e;
        }
        return new SignalingServer(vertx, http, loops, storeWorkers, domain, textFilter, rooms, replayJobs);
    }

    /** Still pictures of live video every interval, sent to the operator's checker if one is configured. */
    private static LessonPictures pictures(SignalingConfig.PictureSettings settings,
                                           PrometheusMeterRegistry registry) {
        if (!settings.on()) {
            return LessonPictures.off();
        }
        return new LessonPictures(StillFrameOptions.every(settings.interval()), settings.checker() == null ? null
                : new WebhookPictureChecker(settings.checker(), settings.checkerTimeout()), registry);
    }

    /** The operator's lexicon, followed on the filter's own thread; without one, the bundled list. */
    private static TextFilter textFilter(SignalingConfig.TextFilterSettings settings) throws Lexicon.Invalid {
        if (settings.lexiconFile() == null) {
            return TextFilter.fixed(Lexicon.bundled(), settings.policy());
        }
        return TextFilter.fromFile(settings.lexiconFile(), settings.policy()).watchEvery(LEXICON_CHECK);
    }

    /**
     * The threads that read and write the store for lessons (the door's reads, the end of a timetabled lesson): a
     * few, with a bounded queue, so a stalled database holds a few threads and refuses work past that.
     */
    private static ExecutorService storeWorkers() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(STORE_WORKERS, STORE_WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(STORE_QUEUE), task -> {
                    Thread thread = new Thread(task, "sanke-store-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The domain it serves (the assembly prints grants for the demo lesson with it; tests too). */
    public Domain domain() {
        return domain;
    }

    public int port() {
        return http.actualPort();
    }

    @Override
    public void close() {
        if (replayJobs != null) {
            replayJobs.close(); // first: lessons ended by the stop are not composed while the store closes
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway: nothing more to do for a server that will not close cleanly
        }
        loops.close();
        storeWorkers.shutdownNow();
        textFilter.close();
        rooms.pictures().close();
        rooms.recordings().close(); // every lesson's files finished
    }
}
