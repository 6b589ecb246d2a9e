package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
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
 * <p>Threads: guarded by the room's lock, the same monitor as {@link LessonRoom}, over the room's own member map.
 */
final class RoomConversation {
    private static final Logger LOG = LoggerFactory.getLogger(RoomConversation.class);

    private final Object lock;
    private final LiveLesson live;
    private final Map<String, Member> members;
    private final AttendanceRecorder attendance;

    RoomConversation(Object lock, LiveLesson live, Map<String, Member> members, AttendanceRecorder attendance) {
        this.lock = lock;
        this.live = live;
        this.members = members;
        this.attendance = attendance;
    }

    void raiseHand(Member member) throws ProtocolError {
        synchronized (lock) {
            try {
                if (live.raiseHand(member.id())) {
                    broadcastHandQueue();
                }
            } catch (LiveLesson.InteractionRefused e) {
                throw new ProtocolError("not_allowed", e.getMessage());
            }
        }
    }

    void lowerHand(Member member) {
        synchronized (lock) {
            if (live.lowerHand(member.id())) {
                broadcastHandQueue();
            }
        }
    }

    /** A client's measure of what it receives: kept for the report, and shown to the teacher live. */
    void quality(Member member, double lossPercent, int freezeMs, int kbps) {
        synchronized (lock) {
            attendance.sample(live.lesson().id(), member.id(), lossPercent, freezeMs, kbps);
            for (Member teacher : members.values()) {
                if (teacher.participant.role() == Role.TEACHER && teacher != member) {
                    ObjectNode event = teacher.session.message("qualityReport", null);
                    event.put("participantId", member.id());
                    event.put("lossPercent", lossPercent);
                    event.put("freezeMs", freezeMs);
                    event.put("kbps", kbps);
                    teacher.session.send(event);
                }
            }
        }
    }

    /**
     * The teacher asks a classroom, or an observer on stage, to mute its microphone; the page does it and says so.
     */
    void muteRequest(Member by, String participantId) throws ProtocolError {
        synchronized (lock) {
            if (by.participant.role() != Role.TEACHER) {
                throw new ProtocolError("not_allowed", "only the teacher asks a room to mute");
            }
            Member target = members.get(participantId);
            if (target == null || (target.participant.role() != Role.CLASSROOM && !live.isOnStage(participantId))) {
                throw new ProtocolError("invalid_field", "'participantId' is not a classroom, or someone on stage,"
                        + " in this lesson");
            }
            ObjectNode event = target.session.message("muteRequested", null);
            event.put("by", by.participant.displayName());
            target.session.send(event);
        }
    }

    /** A classroom's assistant teacher reports a problem (no sound, frozen picture…) to the teacher. */
    void problem(Member from, String text) throws ProtocolError {
        synchronized (lock) {
            if (from.participant.role() != Role.CLASSROOM) {
                throw new ProtocolError("not_allowed", "problems are reported from a classroom");
            }
            LOG.info("lesson {}: {} reports a problem: {}", live.lesson().id(), from.id(), text);
            for (Member teacher : members.values()) {
                if (teacher.participant.role() == Role.TEACHER) {
                    ObjectNode event = teacher.session.message("problemReported", null);
                    event.put("participantId", from.id());
                    event.put("name", from.participant.displayName());
                    event.put("text", text);
                    teacher.session.send(event);
                }
            }
        }
    }

    void chat(Member from, String text) {
        synchronized (lock) {
            for (Member member : members.values()) {
                if (member.participant.role().visible() || member == from) {
                    ObjectNode event = member.session.message("chat", null);
                    event.put("participantId", from.id());
                    event.put("name", from.participant.displayName());
                    event.put("role", from.participant.role().wireName());
                    event.put("text", text);
                    member.session.send(event);
                }
            }
        }
    }

    /** A question for the teacher: everyone sees it, so the same question is not asked twice. */
    void ask(Member from, String text) throws ProtocolError {
        synchronized (lock) {
            Question question;
            try {
                question = live.ask(from.id(), text);
            } catch (LiveLesson.InteractionRefused e) {
                throw new ProtocolError("not_allowed", e.getMessage());
            }
            for (Member member : members.values()) {
                if (member.participant.role().visible() || member == from) {
                    ObjectNode event = member.session.message("question", null);
                    event.set("question", questionJson(member.session, question));
                    member.session.send(event);
                }
            }
        }
    }

    void markAnswered(Member by, String questionId) throws ProtocolError {
        synchronized (lock) {
            try {
                if (!live.markAnswered(by.id(), questionId)) {
                    return;
                }
            } catch (LiveLesson.InteractionRefused e) {
                throw new ProtocolError("not_allowed", e.getMessage());
            }
            for (Member member : members.values()) {
                ObjectNode event = member.session.message("questionAnswered", null);
                event.put("questionId", questionId);
                member.session.send(event);
            }
        }
    }

    ObjectNode questionJson(ClientSession to, Question question) {
        ObjectNode node = to.outbound().object();
        node.put("questionId", question.id());
        node.put("participantId", question.participantId());
        node.put("name", question.name());
        node.put("text", question.text());
        node.put("answered", question.answered());
        return node;
    }

    /** Everyone gets the new queue; called with the room's lock held. */
    void broadcastHandQueue() {
        List<String> queue = live.handQueue();
        for (Member member : members.values()) {
            ObjectNode event = member.session.message("handQueue", null);
            ArrayNode hands = event.putArray("participantIds");
            queue.forEach(hands::add);
            member.session.send(event);
        }
    }
}
