package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Question;
import org.sanke.classroom.Role;
import org.sanke.signaling.protocol.ProtocolError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people say in a running lesson, apart from its media: hands, chat, questions, mute requests, problems and
 * quality reports. Each request asks the domain's {@link LiveLesson} and tells the members concerned.
 *
 * <p>Threads: owned by the room's thread, like the room.
 */
final class RoomConversation {
    private static final Logger LOG = LoggerFactory.getLogger(RoomConversation.class);

    private final LessonRoom room;
    private final LiveLesson live;
    private final AttendanceRecorder attendance;
    private final Moderation moderation;

    RoomConversation(LessonRoom room, AttendanceRecorder attendance, Moderation moderation) {
        this.room = room;
        this.live = room.live();
        this.attendance = attendance;
        this.moderation = moderation;
    }

    void raiseHand(Member member) throws ProtocolError {
        try {
            if (live.raiseHand(member.id())) {
                broadcastHandQueue();
            }
        } catch (LiveLesson.InteractionRefused e) {
            throw new ProtocolError("not_allowed", e.getMessage());
        }
    }

    void lowerHand(Member member) {
        if (live.lowerHand(member.id())) {
            broadcastHandQueue();
        }
    }

    /** A client's measure of what it receives: kept for the report (queued, never waited for), shown live. */
    void quality(Member member, double lossPercent, int freezeMs, int kbps) {
        attendance.sample(live.lesson().id(), member.id(), lossPercent, freezeMs, kbps);
        ObjectNode event = room.outbound().message("qualityReport", null);
        event.put("participantId", member.id());
        event.put("lossPercent", lossPercent);
        event.put("freezeMs", freezeMs);
        event.put("kbps", kbps);
        Audience.send(room.members(), m -> m.participant.role() == Role.TEACHER && m != member, event,
                Audience.Delivery.DROPPABLE);
    }

    /**
     * The teacher asks a classroom, or an observer on stage, to mute its microphone; the page does it and says so.
     */
    void muteRequest(Member by, String participantId) throws ProtocolError {
        if (by.participant.role() != Role.TEACHER) {
            throw new ProtocolError("not_allowed", "only the teacher asks a room to mute");
        }
        Member target = room.member(participantId);
        if (target == null || (target.participant.role() != Role.CLASSROOM && !live.isOnStage(participantId))) {
            throw new ProtocolError("invalid_field", "'participantId' is not a classroom, or someone on stage,"
                    + " in this lesson");
        }
        ObjectNode event = room.outbound().message("muteRequested", null);
        event.put("by", by.participant.displayName());
        target.session.send(event);
    }

    /** A classroom's assistant teacher reports a problem (no sound, frozen picture…) to the teacher. */
    void problem(Member from, String text) throws ProtocolError {
        if (from.participant.role() != Role.CLASSROOM) {
            throw new ProtocolError("not_allowed", "problems are reported from a classroom");
        }
        LOG.info("lesson {}: {} reports a problem", live.lesson().id(), from.id());
        ObjectNode event = room.outbound().message("problemReported", null);
        event.put("participantId", from.id());
        event.put("name", from.participant.displayName());
        event.put("text", text);
        Audience.send(room.members(), m -> m.participant.role() == Role.TEACHER, event, Audience.Delivery.ESSENTIAL);
    }

    /** A blocked message is refused to its writer before anyone else is told (S13); a masked one goes out masked. */
    void chat(Member from, String text) throws ProtocolError {
        try {
            live.checkMayChat(from.id());
        } catch (LiveLesson.InteractionRefused e) {
            throw new ProtocolError("not_allowed", e.getMessage());
        }
        String shown = moderation.screen(Moderation.Kind.CHAT, text);
        ObjectNode event = room.outbound().message("chat", null);
        event.put("participantId", from.id());
        event.put("name", from.participant.displayName());
        event.put("role", from.participant.role().wireName());
        event.put("text", shown);
        room.records().said(live.lesson().id(), from, "chat", shown);
        Audience.send(room.members(), m -> m.participant.role().visible() || m == from, event,
                Audience.Delivery.DROPPABLE);
    }

    /**
     * A question for the teacher: everyone sees it, so the same question is not asked twice. Filtered as chat is,
     * before the lesson keeps it (a late joiner's list never holds a blocked one).
     */
    void ask(Member from, String text) throws ProtocolError {
        String shown = moderation.screen(Moderation.Kind.QUESTION, text);
        Question question;
        try {
            question = live.ask(from.id(), shown);
        } catch (LiveLesson.InteractionRefused e) {
            throw new ProtocolError("not_allowed", e.getMessage());
        }
        room.records().said(live.lesson().id(), from, "question", shown);
        ObjectNode event = room.outbound().message("question", null);
        event.set("question", questionJson(question));
        Audience.send(room.members(), m -> m.participant.role().visible() || m == from, event,
                Audience.Delivery.DROPPABLE);
    }

    void markAnswered(Member by, String questionId) throws ProtocolError {
        try {
            if (!live.markAnswered(by.id(), questionId)) {
                return;
            }
        } catch (LiveLesson.InteractionRefused e) {
            throw new ProtocolError("not_allowed", e.getMessage());
        }
        ObjectNode event = room.outbound().message("questionAnswered", null);
        event.put("questionId", questionId);
        Audience.sendAll(room.members(), event, Audience.Delivery.DROPPABLE);
    }

    ObjectNode questionJson(Question question) {
        ObjectNode node = room.outbound().object();
        node.put("questionId", question.id());
        node.put("participantId", question.participantId());
        node.put("name", question.name());
        node.put("text", question.text());
        node.put("answered", question.answered());
        return node;
    }

    /** Everyone gets the new queue. */
    void broadcastHandQueue() {
        ObjectNode event = room.outbound().message("handQueue", null);
        ArrayNode hands = event.putArray("participantIds");
        live.handQueue().forEach(hands::add);
        Audience.sendAll(room.members(), event, Audience.Delivery.ESSENTIAL);
    }
}
