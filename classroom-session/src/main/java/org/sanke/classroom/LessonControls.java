package org.sanke.classroom;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The safety controls of one running lesson (S6–S8, S10, S11, S31): locks, moderation of one participant, the
 * one-key controls, and safety staff's cut-off. It decides; the room enforces at the SFU ({@link #forwards}), so a
 * page that ignores what it is told changes nothing. Who may do what: the teacher and inspectors (safety staff, who
 * join as inspectors) moderate, lock and use the one-key controls; only inspectors cut off and lift a cut-off, and
 * only they act on the teacher. Learners and classrooms control nothing. Not thread-safe: owned by the lesson's thread.
 */
public final class LessonControls {
    /** What a lock switches off for everyone but the teacher (the lesson lock: new joins). */
    public enum Feature {
        JOINS("joins"), VIDEO("video"), VOICE("voice"), SCREEN_SHARE("screen_share"), ANNOTATION("annotation"),
        FILE_SHARE("file_share"), TEXT("text");

        private final String wireName;

        Feature(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static java.util.Optional<Feature> fromWireName(String name) {
            for (Feature f : values()) {
                if (f.wireName.equals(name)) {
                    return java.util.Optional.of(f);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** A moderator's action on one participant. */
    public enum Moderation {
        MUTE("mute"), UNMUTE("unmute"), STOP_VIDEO("stop_video"), ALLOW_VIDEO("allow_video"), REMOVE("remove"),
        BAN("ban"), OFF_STAGE("off_stage");

        private final String wireName;

        Moderation(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static java.util.Optional<Moderation> fromWireName(String name) {
            for (Moderation m : values()) {
                if (m.wireName.equals(name)) {
                    return java.util.Optional.of(m);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** What a participant publishes: each is held or forwarded on its own. */
    public enum Source { CAMERA, MICROPHONE, SCREEN }

    private final EnumSet<Feature> locks = EnumSet.noneOf(Feature.class);
    private final Set<String> mutedByModerator = new HashSet<>();
    private final Set<String> videoStopped = new HashSet<>();
    /** Participants whose functions safety staff limited (S16): they watch, and do nothing else. */
    private final Set<String> limited = new HashSet<>();
    /** Who may not come back into this lesson: a person's id or a classroom's id. */
    private final Set<String> banned = new HashSet<>();
    /** Cut off by safety staff, by the identity that survives a rejoin (person, classroom, else participant id). */
    private final Map<String, String> cutOff = new HashMap<>();
    private String lessonCutOffReason;
    private boolean paused;
    private boolean interactionOff;
    private boolean waitingRoom;

    /** Whether {@code actor} may lock, moderate and use the one-key controls. */
    public static boolean moderates(Participant actor) {
        return actor.role() == Role.TEACHER || actor.role() == Role.INSPECTOR;
    }

    /** A lock on or off; refused for anyone who does not moderate. Returns whether anything changed. */
    public boolean lock(Participant actor, Feature feature, boolean on) throws Refused {
        requireModerator(actor);
        return on ? locks.add(feature) : locks.remove(feature);
    }

    public Set<Feature> locks() {
        return locks.clone();
    }

    /**
     * A moderator's action on {@code target}: the room carries out REMOVE, BAN and OFF_STAGE on the participant,
     * the rest is kept here and enforced through {@link #forwards}. Nobody but safety staff acts on the teacher.
     */
    public void moderate(Participant actor, Participant target, Moderation action) throws Refused {
        requireModerator(actor);
        if (target.role() == Role.TEACHER && actor.role() != Role.INSPECTOR) {
            throw new Refused("only safety staff act on the teacher");
        }
        if (target.id().equals(actor.id())) {
            throw new Refused("a moderator does not moderate themselves");
        }
        switch (action) {
            case MUTE -> mutedByModerator.add(target.id());
            case UNMUTE -> mutedByModerator.remove(target.id());
            case STOP_VIDEO -> videoStopped.add(target.id());
            case ALLOW_VIDEO -> videoStopped.remove(target.id());
            case BAN -> {
                String key = identity(target);
                if (key.equals(target.id())) {
                    throw new Refused(target.displayName() + " joined by a link: remove them and withdraw the link");
                }
                banned.add(key);
            }
            case REMOVE, OFF_STAGE -> {
                // carried out by the room
            }
        }
    }

    /** Whether someone with this person or classroom id is banned from the lesson. */
    public boolean banned(String personId, String classroomId) {
        return (personId != null && banned.contains(personId)) || (classroomId != null && banned.contains(classroomId));
    }

    /** Pause: all media held, the lesson stays open. */
    public boolean pause(Participant actor, boolean on) throws Refused {
        requireModerator(actor);
        boolean changed = paused != on;
        paused = on;
        return changed;
    }

    /** Interaction off: chat, questions, hands and classroom microphones, until a moderator turns it back on. */
    public boolean interaction(Participant actor, boolean on) throws Refused {
        requireModerator(actor);
        boolean changed = interactionOff == on;
        interactionOff = !on;
        return changed;
    }

    public boolean paused() {
        return paused;
    }

    /**
     * The waiting room (S6): while on, whoever comes by an invitation link (not enrolled: no account of their own
     * for this lesson, not a paired classroom terminal) waits until a moderator admits or denies them one by one.
     */
    public boolean waitingRoom(Participant actor, boolean on) throws Refused {
        requireModerator(actor);
        boolean changed = waitingRoom != on;
        waitingRoom = on;
        return changed;
    }

    public boolean waitingRoom() {
        return waitingRoom;
    }

    /** Whether a join in this role, by an invitation link or not, waits to be admitted now. */
    public boolean waits(Role role, boolean byInvitation) {
        return waitingRoom && byInvitation && role != Role.TEACHER && role != Role.INSPECTOR;
    }

    public boolean interactionOff() {
        return interactionOff;
    }

    /**
     * Safety staff cut off one participant's streams, or the whole lesson ({@code target} null), with a reason the
     * publisher is told; they stay cut off, across rejoins, until staff lift it ({@code on} false).
     */
    public void cutOff(Participant actor, Participant target, boolean on, String reason) throws Refused {
        if (actor.role() != Role.INSPECTOR) {
            throw new Refused("only safety staff cut off streams");
        }
        if (target == null) {
            lessonCutOffReason = on ? reason : null;
        } else if (on) {
            cutOff.put(identity(target), reason);
        } else {
            cutOff.remove(identity(target));
        }
    }

    /** Why {@code p}'s streams are cut off, or null when they are not. */
    public String cutOffReason(Participant p) {
        return lessonCutOffReason != null ? lessonCutOffReason : cutOff.get(identity(p));
    }

    public boolean lessonCutOff() {
        return lessonCutOffReason != null;
    }

    /** Safety staff limited this participant's functions (S16): nothing of theirs is forwarded, they write nothing. */
    public void limit(String participantId) {
        limited.add(participantId);
    }

    /** Whether the SFU forwards this source of this participant now. */
    public boolean forwards(Participant p, Source source) {
        if (paused || cutOffReason(p) != null || limited.contains(p.id())) {
            return false;
        }
        if (p.role() == Role.TEACHER) {
            return true; // locks and moderation never silence the teacher; only staff's cut-off and pause do
        }
        return switch (source) {
            case MICROPHONE -> !locks.contains(Feature.VOICE) && !interactionOff && !mutedByModerator.contains(p.id());
            case CAMERA -> !locks.contains(Feature.VIDEO) && !videoStopped.contains(p.id());
            case SCREEN -> !locks.contains(Feature.SCREEN_SHARE);
        };
    }

    /** Whether {@code p} may write (chat, questions) now: the teacher and staff always, others unless locked off. */
    public boolean mayWrite(Participant p) {
        if (limited.contains(p.id())) {
            return false;
        }
        return moderates(p) || !(locks.contains(Feature.TEXT) || interactionOff || paused);
    }

    /** Whether {@code p} may raise a hand now. */
    public boolean mayRaiseHand(Participant p) {
        if (limited.contains(p.id())) {
            return false;
        }
        return moderates(p) || !(interactionOff || paused);
    }

    /** Whether a new participant in this role may join now: the lesson lock keeps out all but its teacher and staff. */
    public boolean admits(Role role, String personId, String classroomId) {
        if (banned(personId, classroomId)) {
            return false;
        }
        return !locks.contains(Feature.JOINS) || role == Role.TEACHER || role == Role.INSPECTOR;
    }

    /** Whether no control is in force (nothing to tell someone who joins). */
    public boolean quiet() {
        return locks.isEmpty() && !paused && !interactionOff && !waitingRoom && lessonCutOffReason == null
                && cutOff.isEmpty()
                && mutedByModerator.isEmpty() && videoStopped.isEmpty() && limited.isEmpty();
    }

    /** Forgets what was kept for a participant who left (a ban and a cut-off stay: they are by identity). */
    public void forget(String participantId) {
        limited.remove(participantId);
        mutedByModerator.remove(participantId);
        videoStopped.remove(participantId);
    }

    /** Mutes and stopped video carry no identity: a participant who rejoins is a new one; bans and cut-offs do. */
    private static String identity(Participant p) {
        return p.personId() != null ? p.personId() : p.classroomId() != null ? p.classroomId() : p.id();
    }

    private static void requireModerator(Participant actor) throws Refused {
        if (!moderates(actor)) {
            throw new Refused("only the teacher and safety staff control the lesson");
        }
    }

    /** A control refused to this participant. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
