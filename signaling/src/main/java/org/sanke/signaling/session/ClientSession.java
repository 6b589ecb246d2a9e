package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.sanke.classroom.LessonControls;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Role;
import org.sanke.signaling.SignalingConfig;
import org.sanke.signaling.protocol.Inbound;
import org.sanke.signaling.protocol.InboundReader;
import org.sanke.signaling.protocol.Outbound;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.signaling.protocol.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket: reads and checks each message and hands it to its lesson's thread, which answers it. Keeps the
 * connection alive and honest: pings it, closes it when nothing comes back, and never lets a client that does not
 * read hold server memory (events it can miss are dropped, and past a limit the connection is closed).
 *
 * <p>Threads: messages arrive on the connection's Vert.x event loop; replies are written from lesson loops, which
 * Vert.x allows (it hands the write to the connection's loop, in order).
 */
public final class ClientSession {
    /** WebSocket close code when the client's media went silent or failed (private range, RFC 6455 §7.4.2). */
    public static final short CLOSE_MEDIA_ENDED = 4000;
    /** Close code when the same seat was taken by a new connection with this one's rejoin token. */
    public static final short CLOSE_REPLACED = 4001;
    /** Close code when nothing arrived from the client, not even a pong, for the idle timeout. */
    public static final short CLOSE_IDLE = 4002;
    /** Close code when the client did not read what the server sent it. */
    public static final short CLOSE_SLOW_READER = 4003;
    /** Close code when the person whose grant let this connection in signed out (or was signed out). */
    public static final short CLOSE_SIGNED_OUT = 4005;
    /** Close code when the invitation this connection came in with was withdrawn. */
    public static final short CLOSE_GRANT_REVOKED = 4006;
    /** A moderator removed or banned this participant from the lesson. */
    public static final short CLOSE_REMOVED = 4007;
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final LessonRooms rooms;
    private final InboundReader reader;
    private final Outbound outbound;
    private final int maxMessageChars;
    private final SignalingConfig.Liveness liveness;
    private final ConnectionMetrics metrics;
    private final RateLimiter rateLimiter;
    /**
     * Per person (a connection seats one member), on top of the connection's limit (S38): chat and questions, and
     * hands up and down, which each reach everyone. Checked here on the connection's loop, so a flood's excess is
     * dropped before it reaches the lesson's loop, where it would wait in line with everyone else's messages.
     */
    private final RateLimiter textLimit;
    private final RateLimiter handLimit;
    private final Runnable released;
    /** Bytes handed to the socket and not yet written out to the client. */
    private final AtomicLong pendingBytes = new AtomicLong();
    private Context context;
    /** Set on the connection's loop, where every write happens, when it is being closed for not reading. */
    private boolean closingSlow;
    private Thread loopThread;
    private long livenessTimer = -1;
    private long lastHeardNanos;
    private volatile LessonRooms.Joined joined;
    private volatile boolean joining;
    private volatile boolean closed;
    /** Where the connection comes from (the client behind a proxy on this machine), for the records. */
    private final String address;

    /** @param released run once when the connection has closed (the server's count of connections per address) */
    public ClientSession(Vertx vertx, ServerWebSocket socket, LessonRooms rooms, InboundReader reader,
                         Outbound outbound, SignalingConfig config, ConnectionMetrics metrics, String address,
                         Runnable released) {
        this.address = address;
        this.released = released;
        this.vertx = vertx;
        this.socket = socket;
        this.rooms = rooms;
        this.reader = reader;
        this.outbound = outbound;
        this.maxMessageChars = config.maxMessageBytes();
        this.liveness = config.liveness();
        this.metrics = metrics;
        this.rateLimiter = new RateLimiter(50, 100, 200, System.nanoTime());
        // never FLOOD: going over these refuses the request; only the connection's limit disconnects
        SignalingConfig.PersonLimits limits = config.personLimits();
        this.textLimit = new RateLimiter(limits.textsPerSecond(), limits.textBurst(), Integer.MAX_VALUE,
                System.nanoTime());
        this.handLimit = new RateLimiter(limits.handsPerSecond(), limits.handBurst(), Integer.MAX_VALUE,
                System.nanoTime());
    }

    /** Called on the connection's event loop. */
    public void start() {
        context = vertx.getOrCreateContext();
        loopThread = Thread.currentThread();
        metrics.open.incrementAndGet();
        lastHeardNanos = System.nanoTime();
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(buffer -> refuse(null, "bad_json", "binary frames are not accepted"));
        socket.pongHandler(pong -> lastHeardNanos = System.nanoTime());
        socket.exceptionHandler(failure -> LOG.debug("websocket error: {}", failure.toString()));
        socket.closeHandler(ignored -> onClosed());
        livenessTimer = vertx.setPeriodic(liveness.pingIntervalMs(), id -> checkLiveness());
    }

    /** The connection's event loop. */
    Context context() {
        return context;
    }

    ObjectNode message(String type, Object requestId) {
        return outbound.message(type, requestId);
    }

    /**
     * Sends a reply or an event the client cannot do without. The write is a task on the connection's loop, the
     * same queue {@link Audience} uses, so what one lesson thread sends arrives in the order it was sent.
     */
    void send(ObjectNode message) {
        String text = message.toString();
        if (Thread.currentThread() == loopThread) {
            sendText(text, Audience.Delivery.ESSENTIAL);
        } else {
            context.runOnContext(ignored -> sendText(text, Audience.Delivery.ESSENTIAL));
        }
    }

    /**
     * Writes a message on the connection's loop, unless the client has stopped reading: then droppable ones are
     * lost, and past a limit the connection is closed.
     */
    void sendText(String text, Audience.Delivery delivery) {
        if (closed || closingSlow || socket.isClosed()) {
            return;
        }
        long pending = pendingBytes.get();
        if (pending > liveness.closeAboveBytes()) {
            closingSlow = true;
            metrics.closedSlowReader.increment();
            LOG.info("closing a connection that did not read {} bytes", pending);
            socket.close(CLOSE_SLOW_READER, "not reading");
            // Out of the lesson now: the close itself waits behind what the client has not read.
            leaveLesson("not_reading");
            return;
        }
        if (delivery == Audience.Delivery.DROPPABLE && pending > liveness.droppableAboveBytes()) {
            metrics.eventsDropped.increment();
            return;
        }
        long size = text.length();
        pendingBytes.addAndGet(size);
        socket.writeTextMessage(text).onComplete(ignored -> pendingBytes.addAndGet(-size));
    }

    String address() {
        return address;
    }

    /** Whether the connection has closed (a waiting join whose page went away). */
    boolean isClosed() {
        return closed;
    }

    void closeBecauseMediaEnded() {
        socket.close(CLOSE_MEDIA_ENDED, "media ended");
    }

    void closeBecauseReplaced() {
        socket.close(CLOSE_REPLACED, "replaced by a new connection");
    }

    void closeBecause(short code, String reason) {
        socket.close(code, reason);
    }

    /**
     * The lesson seated this connection; false when the connection closed meanwhile (the lesson then lets it go).
     * With {@link #onClosed} this is a two-flag handshake over volatiles: at least one side sees the other.
     */
    boolean attach(LessonRooms.Joined here) {
        joined = here;
        return !closed;
    }

    private void checkLiveness() {
        long silentMs = (System.nanoTime() - lastHeardNanos) / 1_000_000;
        if (silentMs > liveness.idleTimeoutMs()) {
            metrics.closedIdle.increment();
            socket.close(CLOSE_IDLE, "no answer for " + silentMs + " ms");
            return;
        }
        socket.writePing(Buffer.buffer());
    }

    private void onText(String text) {
        lastHeardNanos = System.nanoTime();
        switch (rateLimiter.onMessage(System.nanoTime())) {
            case REFUSE -> {
                refuse(null, "rate_limited", "too many messages; this one was dropped");
                return;
            }
            case FLOOD -> {
                socket.close((short) 1008, "message flood");
                return;
            }
            case ALLOW -> { }
        }
        if (text.length() > maxMessageChars) {
            refuse(null, "message_too_large", "a message may have at most " + maxMessageChars + " characters");
            socket.close((short) 1009, "message too large");
            return;
        }
        Inbound message;
        try {
            message = reader.read(text);
        } catch (ProtocolError e) {
            refuse(reader.requestIdOf(text), e.code(), e.getMessage());
            return;
        }
        try {
            handle(message);
        } catch (ProtocolError e) {
            refuse(message.requestId(), e.code(), e.getMessage());
        }
    }

    /** What the lesson does with one message of a seated member; returns whether to answer {@code ok}. */
    private interface RoomAction {
        boolean run(LessonRoom room, Member member) throws ProtocolError;
    }

    private void handle(Inbound message) throws ProtocolError {
        if (message instanceof Inbound.Chat || message instanceof Inbound.Ask) {
            withinLimit(textLimit, Moderation.Flood.TEXT);
        } else if (message instanceof Inbound.RaiseHand || message instanceof Inbound.LowerHand) {
            withinLimit(handLimit, Moderation.Flood.HAND);
        }
        switch (message) {
            case Inbound.Ping ping -> send(message("pong", ping.requestId()));
            case Inbound.Join join -> join(join);
            case Inbound.Publish publish -> inRoom(publish.requestId(), (room, member) -> {
                publish(room, member, publish);
                return false;
            });
            case Inbound.SubscribeAnswer answer -> inRoom(answer.requestId(), (room, member) -> {
                room.subscriptions().answer(member, answer.version(), answer.sdp());
                return true;
            });
            case Inbound.RaiseHand raise -> inRoom(raise.requestId(), (room, member) -> {
                room.conversation().raiseHand(member);
                return true;
            });
            case Inbound.LowerHand lower -> inRoom(lower.requestId(), (room, member) -> {
                room.conversation().lowerHand(member);
                return true;
            });
            case Inbound.Stage stage -> inRoom(stage.requestId(), (room, member) -> {
                room.stage(member, stage.participantId(), stage.on());
                return true;
            });
            case Inbound.MuteRequest mute -> inRoom(mute.requestId(), (room, member) -> {
                room.conversation().muteRequest(member, mute.participantId());
                return true;
            });
            case Inbound.Problem problem -> inRoom(problem.requestId(), (room, member) -> {
                room.conversation().problem(member, problem.text());
                return true;
            });
            case Inbound.Quality quality -> inRoom(quality.requestId(), (room, member) -> {
                room.conversation().quality(member, quality.lossPercent(), quality.freezeMs(), quality.kbps());
                return true;
            });
            case Inbound.Chat chat -> inRoom(chat.requestId(), (room, member) -> {
                room.conversation().chat(member, chat.text());
                return true;
            });
            case Inbound.Ask ask -> inRoom(ask.requestId(), (room, member) -> {
                room.conversation().ask(member, ask.text());
                return true;
            });
            case Inbound.MarkAnswered answered -> inRoom(answered.requestId(), (room, member) -> {
                room.conversation().markAnswered(member, answered.questionId());
                return true;
            });
            case Inbound.EndLesson end -> inRoom(end.requestId(), (room, member) -> {
                endLesson(room, member, end.requestId());
                return false;
            });
            case Inbound.Lock lock -> inRoom(lock.requestId(), (room, member) -> {
                room.controls().lock(member, LessonControls.Feature.fromWireName(lock.feature()).orElseThrow(() ->
                        new ProtocolError("invalid_field", "'feature' must be joins, video, voice, screen_share,"
                                + " annotation, file_share or text")), lock.on());
                return true;
            });
            case Inbound.Moderate moderate -> inRoom(moderate.requestId(), (room, member) -> {
                room.controls().moderate(member, moderate.participantId(), LessonControls.Moderation
                        .fromWireName(moderate.action()).orElseThrow(() -> new ProtocolError("invalid_field",
                                "'action' must be mute, unmute, stop_video, allow_video, remove, ban or off_stage")));
                return true;
            });
            case Inbound.Pause pause -> inRoom(pause.requestId(), (room, member) -> {
                room.controls().pause(member, pause.on());
                return true;
            });
            case Inbound.Report report -> inRoom(report.requestId(), (room, member) -> {
                room.controls().report(member, report.kind(), report.participantId(), report.reason(), report.text(),
                        report.frame());
                return true;
            });
            case Inbound.WaitingRoomSwitch waiting -> inRoom(waiting.requestId(), (room, member) -> {
                room.controls().waitingRoom(member, waiting.on());
                return true;
            });
            case Inbound.Admit decision -> inRoom(decision.requestId(), (room, member) -> {
                if (decision.admit()) {
                    room.waitingRoom().admit(member, decision.waitingId());
                } else {
                    room.waitingRoom().deny(member, decision.waitingId());
                }
                return true;
            });
            case Inbound.Interaction interaction -> inRoom(interaction.requestId(), (room, member) -> {
                room.controls().interaction(member, interaction.on());
                return true;
            });
            case Inbound.CutOff cut -> {
                long arrived = System.nanoTime();
                inRoom(cut.requestId(), (room, member) -> {
                    room.controls().cutOff(member, cut.participantId(), cut.on(), cut.reason(), arrived,
                            cut.requestId(), nanos -> metrics.cutOffLastPacket.record(nanos,
                                    java.util.concurrent.TimeUnit.NANOSECONDS))
                            .whenComplete((reply, failure) -> {
                                if (failure != null) {
                                    refuse(cut.requestId(), "internal", "the cut-off could not be confirmed");
                                } else {
                                    send(reply);
                                }
                            });
                    return false;
                });
            }
            case Inbound.Leave leave -> inRoom(leave.requestId(), (room, member) -> {
                joined = null;
                room.leave(member, "left");
                return true;
            });
        }
    }

    /** Refuses a request over its sender's limit (S38) with {@code too_many_messages}; it goes no further. */
    private void withinLimit(RateLimiter limit, Moderation.Flood kind) throws ProtocolError {
        if (limit.onMessage(System.nanoTime()) != RateLimiter.Verdict.ALLOW) {
            rooms.moderation().floodRefused(kind);
            throw new ProtocolError("too_many_messages", "too many messages from you in a short time; this one"
                    + " was not sent: wait a moment");
        }
    }

    /** Runs a member's request on its lesson's thread and answers it there. */
    private void inRoom(Object requestId, RoomAction action) throws ProtocolError {
        LessonRooms.Joined here = joined;
        if (here == null) {
            throw new ProtocolError("not_joined", "join a lesson first");
        }
        here.room().execute(() -> {
            if (here.member().gone) {
                refuse(requestId, "not_joined", "you are no longer in the lesson");
                return;
            }
            try {
                if (action.run(here.room(), here.member())) {
                    send(message("ok", requestId));
                }
            } catch (ProtocolError e) {
                refuse(requestId, e.code(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("a request failed in lesson {}", here.room().live().lesson().id(), e);
                refuse(requestId, "internal", "the server failed; the request changed nothing");
            }
        });
    }

    private void join(Inbound.Join join) throws ProtocolError {
        if (joined != null || joining) {
            throw new ProtocolError("already_joined", "this connection is already in a lesson");
        }
        Role role = Role.fromWireName(join.role()).orElseThrow(() -> new ProtocolError("invalid_field",
                "'role' must be one of teacher, classroom, observer, learner, inspector"));
        joining = true;
        rooms.join(this, join, role).whenComplete((ignored, failure) -> {
                    joining = false;
                    if (failure != null) {
                        answerFailure(join.requestId(), failure, "joining failed");
                    }
                });
    }

    private void publish(LessonRoom room, Member member, Inbound.Publish publish) {
        room.publishing().publish(member, publish.sdp(), publish.screenMid()).whenComplete((answer, failure) -> {
            if (failure == null) {
                ObjectNode reply = message("publishAnswer", publish.requestId());
                reply.put("sdp", answer);
                send(reply);
            } else {
                answerFailure(publish.requestId(), failure, "the server failed to set up publishing");
            }
        });
    }

    private void endLesson(LessonRoom room, Member member, Object requestId) throws ProtocolError {
        try {
            room.live().checkMayEnd(member.id());
        } catch (LiveLesson.InteractionRefused e) {
            throw new ProtocolError("not_allowed", e.getMessage());
        }
        // ok only once the end is kept, and before lessonEnded, which follows at once
        rooms.endByTeacher(room, () -> send(message("ok", requestId))).exceptionally(failure -> {
            answerFailure(requestId, failure, "the lesson could not be ended; try again");
            return null;
        });
    }

    private void answerFailure(Object requestId, Throwable failure, String internalMessage) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ProtocolError error) {
            refuse(requestId, error.code(), error.getMessage());
        } else {
            LOG.warn("{}", internalMessage, cause);
            refuse(requestId, "internal", internalMessage);
        }
    }

    private void refuse(Object requestId, String code, String text) {
        send(outbound.error(requestId, code, text));
    }

    private void onClosed() {
        if (!closed) {
            closed = true;
            metrics.open.decrementAndGet();
            vertx.cancelTimer(livenessTimer);
            released.run();
        }
        rooms.released(this);
        leaveLesson("disconnected");
    }

    private void leaveLesson(String reason) {
        LessonRooms.Joined here = joined;
        joined = null;
        if (here != null) {
            here.room().execute(() -> here.room().leave(here.member(), reason));
        }
    }
}
