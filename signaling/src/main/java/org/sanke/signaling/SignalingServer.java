package org.sanke.signaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.time.Clock;
import org.sanke.classroom.LessonDirectory;
import org.sanke.media.api.Router;
import org.sanke.signaling.protocol.InboundReader;
import org.sanke.signaling.protocol.Outbound;
import org.sanke.signaling.session.ClientSession;
import org.sanke.signaling.session.LessonRooms;

/** The HTTP and WebSocket front door: pages, REST, health, metrics, and the signaling protocol at /ws. */
public final class SignalingServer implements AutoCloseable {
    /** Netty's own limit, above ours, so that we see an oversized message and can answer it before closing. */
    private static final int TRANSPORT_MESSAGE_LIMIT = 1024 * 1024;
    /** How often running timetabled lessons are checked for their end (plus overrun). */
    private static final long OVERDUE_CHECK_MS = 5_000;

    private final Vertx vertx;
    private final HttpServer http;

    private SignalingServer(Vertx vertx, HttpServer http) {
        this.vertx = vertx;
        this.http = http;
    }

    /** Starts listening; returns once the port is bound. */
    public static SignalingServer start(SignalingConfig config, Supplier<Router> routers, LessonDirectory lessons,
                                        PrometheusMeterRegistry registry) throws Exception {
        return start(config, routers, Domain.inMemory(lessons), registry);
    }

    /** Starts listening over the given domain services; returns once the port is bound. */
    public static SignalingServer start(SignalingConfig config, Supplier<Router> routers, Domain domain,
                                        PrometheusMeterRegistry registry) throws Exception {
        Vertx vertx = Vertx.vertx();
        ObjectMapper json = new ObjectMapper();
        LessonRooms rooms = new LessonRooms(domain.lessons(), domain.scheduling(), domain.schools(), routers,
                domain.attendance(), Clock.systemUTC());
        AtomicInteger sessions = new AtomicInteger();
        Gauge.builder("sanke.signaling.sessions", sessions, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        Gauge.builder("sanke.lessons.live", rooms, LessonRooms::liveLessons)
                .description("Lessons with at least one participant").register(registry);
        vertx.setPeriodic(OVERDUE_CHECK_MS, id -> vertx.executeBlocking(() -> {
            rooms.endOverdue();
            return null;
        }, false));
        InboundReader reader = new InboundReader(json);
        Outbound outbound = new Outbound(json);
        HttpServerOptions options = new HttpServerOptions()
                .setMaxWebSocketFrameSize(TRANSPORT_MESSAGE_LIMIT)
                .setMaxWebSocketMessageSize(TRANSPORT_MESSAGE_LIMIT);
        HttpServer http = vertx.createHttpServer(options)
                .requestHandler(new HttpApi(json, domain, rooms, registry).router(vertx, config.webRoot()))
                .webSocketHandler(socket -> {
                    if (!"/ws".equals(socket.path())) {
                        socket.close((short) 1008, "unknown path");
                        return;
                    }
                    new ClientSession(socket, rooms, reader, outbound, config.maxMessageBytes(), sessions).start();
                });
        try {
            http.listen(config.port(), config.bindAddress()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        return new SignalingServer(vertx, http);
    }

    public int port() {
        return http.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway: nothing more to do for a server that will not close cleanly
        }
    }
}
