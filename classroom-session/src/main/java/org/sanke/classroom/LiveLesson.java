package org.sanke.classroom;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The participants of one running lesson and its interaction: the hand queue (classrooms waiting to speak, in the
 * order they raised their hands) and who is on stage (seen and heard by everyone). Joins go through the
 * {@link JoinPolicy}, for the seat; the door (which lesson, which room) is {@link LessonAdmission}'s. Not thread-safe:
 * a running lesson has one owner thread, which makes every change to it.
 */
public final class LiveLesson {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Lesson lesson;
    private final JoinPolicy policy;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Set<String> handQueue = new LinkedHashSet<>();
    private final Set<String> onStage = new LinkedHashSet<>();
    /** Questions by id, oldest first; bounded, the oldest answered ones go first. */
    private final Map<String, Question> questions = new LinkedHashMap<>();
    private int questionsAsked;
    private final LessonControls controls = new LessonControls();

    public LiveLesson(Lesson lesson, JoinPolicy policy) {
        this.lesson = lesson;
        this.policy = policy;
    }

    public Lesson lesson() {
        return lesson;
    }

    /** The lesson's locks, moderation, one-key controls and cut-offs. */
    public LessonControls controls() {
        return controls;
    }

    public JoinResult join(Role role, String displayName) {
        return join(role, displayName, null);
    }

    /** A join as a known classroom (a terminal): the room is recorded for attendance. */
    public JoinResult join(Role role, String displayName, String classroomId) {
        return join(role, displayName, classroomId, false);
    }

    /** A join, saying whether the person has a verified real name (which staging in some modes asks, S4). */
    public JoinResult join(Role role, String displayName, String classroomId, boolean realNameVerified) {
        return join(role, displayName, classroomId, realNameVerified, null);
    }

    /** A join of a signed-in person ({@code personId}), or of a link or terminal (null). */
    public JoinResult join(Role role, String displayName, String classroomId, boolean realNameVerified,
                           String personId) {
        if (controls.banned(personId, classroomId)) {
            return new JoinResult.Refusal(JoinResult.Reason.BANNED, "a moderator removed you from this lesson");
        }
        if (!controls.admits(role, personId, classroomId)) {
            return new JoinResult.Refusal(JoinResult.Reason.LESSON_LOCKED, "the lesson is locked: no new joins");
        }
        JoinResult.Refusal refusal = policy.check(lesson, participants.values(), role);
        if (refusal != null) {
            return refusal;
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Participant participant = new Participant("p" + HexFormat.of().formatHex(id), role, displayName, classroomId,
                realNameVerified, personId);
        participants.put(participant.id(), participant);
        return new JoinResult.Admitted(participant);
    }

    /** Removes a participant; empty when it was not here. */
    public Optional<Participant> leave(String participantId) {
        controls.forget(participantId);
        handQueue.remove(participantId);
        onStage.remove(participantId);
        return Optional.ofNullable(participants.remove(participantId));
    }

    /**
     * A classroom (its assistant teacher), or in a master-teacher lesson an observer teacher, raises its hand;
     * false when it was already raised.
     */
    public boolean raiseHand(String participantId) throws InteractionRefused {
        Participant p = present(participantId);
        if (!controls.mayRaiseHand(p)) {
            throw new InteractionRefused("interaction is off in this lesson");
        }
        if (!policy.mayTakeStage(lesson, p.role())) {
            throw new InteractionRefused(p.role().wireName() + "s do not raise hands in "
                    + lesson.mode().wireName() + " lessons");
        }
        return handQueue.add(participantId);
    }

    /** The hand goes down: by the classroom itself, or because the teacher brought it on stage. */
    public boolean lowerHand(String participantId) {
        return handQueue.remove(participantId);
    }

    /** Every hand goes down (interaction turned off). */
    public void clearHands() {
        handQueue.clear();
    }

    /** Classrooms waiting to speak, first raised first. */
    public List<String> handQueue() {
        return List.copyOf(handQueue);
    }

    /**
     * The teacher brings a classroom (or, where the mode allows, an observer) on stage, where everyone sees and
     * hears it, or takes it off; bringing it on lowers its hand. Returns whether anything changed.
     */
    public boolean setOnStage(String byParticipantId, String participantId, boolean on)
            throws InteractionRefused {
        if (present(byParticipantId).role() != Role.TEACHER) {
            throw new InteractionRefused("only the teacher decides who is on stage");
        }
        Participant guest = present(participantId);
        Role role = guest.role();
        if (!policy.mayTakeStage(lesson, role)) {
            throw new InteractionRefused(role.wireName() + "s are not brought on stage in "
                    + lesson.mode().wireName() + " lessons");
        }
        if (on && role != Role.CLASSROOM && lesson.mode().publishersNeedRealNames() && !guest.realNameVerified()) {
            throw new InteractionRefused("only people with a verified real name speak in " + lesson.mode().wireName()
                    + " lessons; " + guest.displayName() + "'s is not verified");
        }
        if (on) {
            handQueue.remove(participantId);
            return onStage.add(participantId);
        }
        return onStage.remove(participantId);
    }

    public boolean isOnStage(String participantId) {
        return onStage.contains(participantId);
    }

    /** Teachers and classrooms publish; anyone else only while on stage. False for someone not here. */
    public boolean mayPublish(String participantId) {
        Participant p = participants.get(participantId);
        return p != null && (p.role().publishes() || onStage.contains(participantId));
    }

    private Participant present(String participantId) throws InteractionRefused {
        Participant p = participants.get(participantId);
        if (p == null) {
            throw new InteractionRefused("no participant " + participantId + " in this lesson");
        }
        return p;
    }

    /** Whether this participant may write in the chat: anyone the lesson sees. */
    public void checkMayChat(String participantId) throws InteractionRefused {
        Participant p = present(participantId);
        checkMaySpeak(p);
        if (!controls.mayWrite(p)) {
            throw new InteractionRefused("text is locked in this lesson");
        }
    }

    /** The participant, if here. */
    public Optional<Participant> participant(String participantId) {
        return Optional.ofNullable(participants.get(participantId));
    }

    /** An inspector watches unseen: what they wrote would show them to the lesson. */
    private static void checkMaySpeak(Participant p) throws InteractionRefused {
        if (!p.role().visible()) {
            throw new InteractionRefused("an inspector watches unseen and does not write to the lesson");
        }
    }

    /** The teacher ends a lesson for everyone; safety staff (inspectors) shut it down (S31). */
    public void checkMayEnd(String participantId) throws InteractionRefused {
        if (!LessonControls.moderates(present(participantId))) {
            throw new InteractionRefused("only the teacher or safety staff end the lesson");
        }
    }

    /** The most questions a lesson keeps: a busy open lesson's audience may ask thousands. */
    public static final int MAX_QUESTIONS = 200;

    /** Anyone but the teacher asks a question; the lesson keeps the latest {@value #MAX_QUESTIONS}. */
    public Question ask(String participantId, String text) throws InteractionRefused {
        Participant p = present(participantId);
        if (p.role() == Role.TEACHER) {
            throw new InteractionRefused("the teacher answers questions and does not ask them");
        }
        checkMaySpeak(p);
        if (!controls.mayWrite(p)) {
            throw new InteractionRefused("text is locked in this lesson");
        }
        Question question = new Question("q" + ++questionsAsked, p.id(), p.displayName(), text, false);
        questions.put(question.id(), question);
        if (questions.size() > MAX_QUESTIONS) {
            String drop = questions.values().stream().filter(Question::answered).findFirst()
                    .orElse(questions.values().iterator().next()).id();
            questions.remove(drop);
        }
        return question;
    }

    /** The teacher marks a question answered; false when it already was. */
    public boolean markAnswered(String byParticipantId, String questionId) throws InteractionRefused {
        if (present(byParticipantId).role() != Role.TEACHER) {
            throw new InteractionRefused("only the teacher marks a question answered");
        }
        Question question = questions.get(questionId);
        if (question == null) {
            throw new InteractionRefused("no question " + questionId + " in this lesson");
        }
        if (question.answered()) {
            return false;
        }
        questions.put(questionId, question.answer());
        return true;
    }

    /** The questions kept, oldest first. */
    public List<Question> questions() {
        return List.copyOf(questions.values());
    }

    /** An interaction the lesson refuses, with the reason. */
    public static final class InteractionRefused extends Exception {
        public InteractionRefused(String message) {
            super(message, null, false, false);
        }
    }

    public List<Participant> participants() {
        return new ArrayList<>(participants.values());
    }

    public boolean isEmpty() {
        return participants.isEmpty();
    }
}
