package org.sanke.signaling.protocol;

/** The requests a client may send; {@code requestId} is null, a Long, or a String. */
public sealed interface Inbound {
    Object requestId();

    /**
     * @param classroomId the classroom a terminal joins as; required for timetabled lessons, else optional
     * @param rejoinToken the token of an earlier {@code joined} reply: takes that seat back if it is still held
     * @param grant       the join grant (a person's, or an invitation); a terminal shows its device token instead
     */
    record Join(Object requestId, String lessonId, String role, String name, String classroomId,
                String deviceToken, String rejoinToken, String grant) implements Inbound {
    }

    /** @param screenMid the mid of the offer's screen-share video section, if it has one */
    record Publish(Object requestId, String sdp, String screenMid) implements Inbound {
    }

    record SubscribeAnswer(Object requestId, long version, String sdp) implements Inbound {
    }

    record Leave(Object requestId) implements Inbound {
    }

    record Ping(Object requestId) implements Inbound {
    }

    record RaiseHand(Object requestId) implements Inbound {
    }

    record LowerHand(Object requestId) implements Inbound {
    }

    record Stage(Object requestId, String participantId, boolean on) implements Inbound {
    }

    record Chat(Object requestId, String text) implements Inbound {
    }

    record Quality(Object requestId, double lossPercent, int freezeMs, int kbps) implements Inbound {
    }

    /** The teacher asks a classroom to mute its microphone. */
    record MuteRequest(Object requestId, String participantId) implements Inbound {
    }

    /** A classroom's assistant teacher reports a problem to the teacher. */
    record Problem(Object requestId, String text) implements Inbound {
    }

    /** A question for the teacher (Q&amp;A), kept apart from the chat. */
    record Ask(Object requestId, String text) implements Inbound {
    }

    /** The teacher marks a question answered. */
    record MarkAnswered(Object requestId, String questionId) implements Inbound {
    }

    /** The teacher ends the lesson for everyone. */
    record EndLesson(Object requestId) implements Inbound {
    }

    /** A lock on or off (S7): {@code feature} is joins, video, voice, screen_share, annotation, file_share or text. */
    record Lock(Object requestId, String feature, boolean on) implements Inbound {
    }

    /** A moderator's action on one participant (S10). */
    record Moderate(Object requestId, String participantId, String action) implements Inbound {
    }

    /** One-key pause: all media held, the lesson stays open (S31). */
    record Pause(Object requestId, boolean on) implements Inbound {
    }

    /** One-key interaction switch: chat, questions, hands and classroom microphones (S31). */
    record Interaction(Object requestId, boolean on) implements Inbound {
    }

    /** Safety staff cut off one participant's streams, or the whole lesson when {@code participantId} is null (S11). */
    record CutOff(Object requestId, String participantId, boolean on, String reason) implements Inbound {
    }

    /** The waiting room on or off (S6). */
    record WaitingRoomSwitch(Object requestId, boolean on) implements Inbound {
    }

    /** A moderator lets one waiting join in, or not. */
    record Admit(Object requestId, String waitingId, boolean admit) implements Inbound {
    }

    /**
     * A report for staff (S14) about a participant's stream, a message or the person, with a reason; {@code frame}
     * is a reduced JPEG of the stream as the reporter saw it (decoded), {@code text} the message reported.
     */
    record Report(Object requestId, String kind, String participantId, String reason, String text, byte[] frame)
            implements Inbound {
    }
}
