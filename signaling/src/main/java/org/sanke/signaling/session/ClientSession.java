package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.ServerWebSocket;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.sanke.classroom.JoinResult;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Question;
import org.sanke.classroom.Role;
import org.sanke.signaling.protocol.Inbound;
import org.sanke.signaling.protocol.InboundReader;
import org.sanke.signaling.protocol.Outbound;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.signaling.protocol.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket: reads and checks each message, answers it, and keeps this connection's place in a lesson.
 * Messages arrive on the connection's Vert.x event loop; replies to media work are written from media threads,
 * which Vert.x allows (it hands the write to the connection's loop).
 */
public final class ClientSession {
    /** WebSocket close code when the client's media went silent or failed (private range, RFC 6455 §7.4.2). */
    public static final short CLOSE_MEDIA_ENDED = 4000;
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private final ServerWebSocket socket;
    private final LessonRooms rooms;
    private final InboundReader reader;
    private final Outbound outbound;
    private final int maxMessageChars;
    private final RateLimiter rateLimiter;
    private final AtomicInteger openSessions;
    private LessonRooms.Joined joined;
    private boolean closed;

    public ClientSession(ServerWebSocket socket, LessonRooms rooms, InboundReader reader, Outbound outbound,
                         int maxMessageBytes, AtomicInteger openSessions) {
        this.socket = socket;
        this.rooms = rooms;
        this.reader = reader;
        this.outbound = outbound;
        this.maxMessageChars = maxMessageBytes;
        this.openSessions = openSessions;
        this.rateLimiter = new RateLimiter(50, 100, 200, System.nanoTime());
    }

    public void start() {
        openSessions.incrementAndGet();
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(buffer -> refuse(null, "bad_json", "binary frames are not accepted"));
        socket.exceptionHandler(failure -> LOG.debug("websocket error: {}", failure.toString()));
        socket.closeHandler(ignored -> onClosed());
    }

    Outbound outbound() {
        return outbound;
    }

    ObjectNode message(String type, Object requestId) {
        return outbound.message(type, requestId);
    }

    void send(ObjectNode message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(message.toString());
        }
    }

    void closeBecauseMediaEnded() {
        socket.close(CLOSE_MEDIA_ENDED, "media ended");
    }

    private void onText(String text) {
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
        } catch (RuntimeException e) {
            LOG.warn("request {} failed", message.getClass().getSimpleName(), e);
            refuse(message.requestId(), "internal", "the server failed; the request changed nothing");
        }
    }

    private void handle(Inbound message) throws ProtocolError {
        switch (message) {
            case Inbound.Ping ping -> send(message("pong", ping.requestId()));
            case Inbound.Join join -> join(join);
            case Inbound.Publish publish -> publish(publish);
            case Inbound.SubscribeAnswer answer -> {
                LessonRooms.Joined here = requireJoined();
                here.room().subscribeAnswer(here.member(), answer.version(), answer.sdp());
                send(message("ok", answer.requestId()));
            }
            case Inbound.RaiseHand raise -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().raiseHand(here.member());
                send(message("ok", raise.requestId()));
            }
            case Inbound.LowerHand lower -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().lowerHand(here.member());
                send(message("ok", lower.requestId()));
            }
            case Inbound.Stage stage -> {
                LessonRooms.Joined here = requireJoined();
                here.room().stage(here.member(), stage.participantId(), stage.on());
                send(message("ok", stage.requestId()));
            }
            case Inbound.MuteRequest mute -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().muteRequest(here.member(), mute.participantId());
                send(message("ok", mute.requestId()));
            }
            case Inbound.Problem problem -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().problem(here.member(), problem.text());
                send(message("ok", problem.requestId()));
            }
            case Inbound.Quality quality -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().quality(here.member(), quality.lossPercent(), quality.freezeMs(), quality.kbps());
                send(message("ok", quality.requestId()));
            }
            case Inbound.Chat chat -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().chat(here.member(), chat.text());
                send(message("ok", chat.requestId()));
            }
            case Inbound.Ask ask -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().ask(here.member(), ask.text());
                send(message("ok", ask.requestId()));
            }
            case Inbound.MarkAnswered answered -> {
                LessonRooms.Joined here = requireJoined();
                here.room().conversation().markAnswered(here.member(), answered.questionId());
                send(message("ok", answered.requestId()));
            }
            case Inbound.EndLesson end -> {
                LessonRooms.Joined here = requireJoined();
                try {
                    here.room().live().checkMayEnd(here.member().id());
                } catch (LiveLesson.InteractionRefused e) {
                    throw new ProtocolError("not_allowed", e.getMessage());
                }
                send(message("ok", end.requestId())); // before lessonEnded, which follows at once
                rooms.endByTeacher(here);
            }
            case Inbound.Leave leave -> {
                LessonRooms.Joined here = requireJoined();
                joined = null;
                here.room().leave(here.member(), "left");
                send(message("ok", leave.requestId()));
            }
        }
    }

    private void join(Inbound.Join join) throws ProtocolError {
        if (joined != null) {
            throw new ProtocolError("already_joined", "this connection is already in lesson "
                    + joined.room().live().lesson().id());
        }
        Role role = Role.fromWireName(join.role()).orElseThrow(() -> new ProtocolError("invalid_field",
                "'role' must be one of teacher, classroom, observer, learner, inspector"));
        Optional<Object> result = rooms.join(this, join.lessonId(), role, join.name(), join.classroomId(),
                join.deviceToken());
        if (result.isEmpty()) {
            throw new ProtocolError("lesson_not_found", "no lesson has the id '" + join.lessonId() + "'");
        }
        if (result.get() instanceof JoinResult.Refusal refusal) {
            throw new ProtocolError(switch (refusal.reason()) {
                case ROLE_TAKEN -> "role_taken";
                case LESSON_FULL -> "lesson_full";
                case ROLE_NOT_ALLOWED -> "role_not_allowed";
            }, refusal.message());
        }
        joined = (LessonRooms.Joined) result.get();
        Participant me = joined.member().participant;
        ObjectNode reply = message("joined", join.requestId());
        reply.put("participantId", me.id());
        reply.put("role", me.role().wireName());
        ObjectNode lesson = reply.putObject("lesson");
        lesson.put("id", joined.room().live().lesson().id());
        lesson.put("title", joined.room().live().lesson().title());
        lesson.put("mode", joined.room().live().lesson().mode().wireName());
        ArrayNode questions = reply.putArray("questions");
        for (Question question : joined.room().live().questions()) {
            questions.add(joined.room().conversation().questionJson(this, question));
        }
        ArrayNode others = reply.putArray("participants");
        for (Participant p : joined.room().participants()) {
            if (!p.id().equals(me.id()) && p.role().visible()) {
                others.add(joined.room().participantJson(this, p));
            }
        }
        send(reply);
        if (closed) {
            onClosed(); // the socket closed while we were joining
            return;
        }
        joined.room().startReceiving(joined.member());
    }

    private void publish(Inbound.Publish publish) throws ProtocolError {
        LessonRooms.Joined here = requireJoined();
        here.room().publish(here.member(), publish.sdp(), publish.screenMid()).whenComplete((answer, failure) -> {
            if (failure == null) {
                ObjectNode reply = message("publishAnswer", publish.requestId());
                reply.put("sdp", answer);
                send(reply);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ProtocolError error) {
                refuse(publish.requestId(), error.code(), error.getMessage());
            } else {
                LOG.warn("publish failed", cause);
                refuse(publish.requestId(), "internal", "the server failed to set up publishing");
            }
        });
    }

    private LessonRooms.Joined requireJoined() throws ProtocolError {
        if (joined == null) {
            throw new ProtocolError("not_joined", "join a lesson first");
        }
        return joined;
    }

    private void refuse(Object requestId, String code, String text) {
        send(outbound.error(requestId, code, text));
    }

    private void onClosed() {
        if (!closed) {
            closed = true;
            openSessions.decrementAndGet();
        }
        LessonRooms.Joined here = joined;
        joined = null;
        if (here != null) {
            here.room().leave(here.member(), "disconnected");
        }
    }
}
