package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.sanke.classroom.LessonControls;
import org.sanke.classroom.Participant;
import org.sanke.classroom.report.Report;
import org.sanke.media.api.Producer;
import org.sanke.signaling.protocol.ProtocolError;

/**
 * Carries out a room's safety controls (locks, moderation, the one-key controls, cut-off) and enforces them where a
 * page cannot undo them: each producer is held at the SFU unless {@link LessonControls#forwards} says otherwise. Every
 * member is told what applies to it. Owned by the room's thread.
 */
final class RoomControls {
    private final LessonRoom room;
    /** Whether each producer is held now, so that only changes go to the media loop. */
    private final Map<Producer, Boolean> held = new HashMap<>();

    /** Enough for anyone who means it; a flood of reports is no way to bury staff. */
    static final int REPORTS_PER_MINUTE = 5;

    RoomControls(LessonRoom room) {
        this.room = room;
    }

    /** Measures a cut-off: from the command's arrival to the last packet forwarded before it took hold. */
    interface CutOffTimer {
        void record(long nanos);
    }

    private LessonControls controls() {
        return room.live().controls();
    }

    private String lessonId() {
        return room.live().lesson().id();
    }

    /** A refusal of the domain, audited as a failed attempt, then sent to the client. */
    private ProtocolError refused(Member by, String action, LessonControls.Refused e) {
        room.records().controlRefused(lessonId(), by, action);
        return new ProtocolError("not_allowed", e.getMessage());
    }

    void lock(Member by, LessonControls.Feature feature, boolean on) throws ProtocolError {
        try {
            controls().lock(by.participant, feature, on);
        } catch (LessonControls.Refused e) {
            throw refused(by, "lock_" + feature.wireName(), e);
        }
        room.records().control(lessonId(), by, "lock_" + feature.wireName(), on ? "on" : "off", false);
        enforceAll();
    }

    void pause(Member by, boolean on) throws ProtocolError {
        try {
            controls().pause(by.participant, on);
        } catch (LessonControls.Refused e) {
            throw refused(by, "one_key_pause", e);
        }
        room.records().control(lessonId(), by, "one_key_pause", on ? "on" : "off", false);
        enforceAll();
    }

    void interaction(Member by, boolean on) throws ProtocolError {
        try {
            controls().interaction(by.participant, on);
        } catch (LessonControls.Refused e) {
            throw refused(by, "one_key_interaction", e);
        }
        room.records().control(lessonId(), by, "one_key_interaction", on ? "on" : "off", true);
        if (!on) {
            room.live().clearHands(); // raised hands go down with everything else
            room.conversation().broadcastHandQueue();
        }
        enforceAll();
    }

    /** Anyone in the lesson reports a stream, a message or a person to staff (S14). */
    void report(Member from, String kindName, String participantId, String reason, String text, byte[] frame)
            throws ProtocolError {
        Report.Kind kind = Report.Kind.fromWireName(kindName).orElseThrow(() -> new ProtocolError("invalid_field",
                "'kind' must be stream, message or person"));
        if (reason.length() > 200) {
            throw new ProtocolError("invalid_field", "'reason' must have at most 200 characters");
        }
        Member target = target(participantId);
        long now = System.nanoTime();
        if (now - from.reportMinuteStartNanos > 60_000_000_000L) {
            from.reportMinuteStartNanos = now;
            from.reportsThisMinute = 0;
        }
        if (++from.reportsThisMinute > REPORTS_PER_MINUTE) {
            throw new ProtocolError("too_many_messages", "at most " + REPORTS_PER_MINUTE + " reports a minute");
        }
        room.records().report(room.live().lesson(), from, target, kind, reason, text,
                kind == Report.Kind.STREAM ? frame : null);
    }

    /** The waiting room on or off; turning it off lets everyone waiting in. */
    void waitingRoom(Member by, boolean on) throws ProtocolError {
        try {
            controls().waitingRoom(by.participant, on);
        } catch (LessonControls.Refused e) {
            throw refused(by, "waiting_room", e);
        }
        room.records().control(lessonId(), by, "waiting_room", on ? "on" : "off", true);
        if (!on) {
            room.waitingRoom().admitAll();
        } else {
            room.waitingRoom().tellModerators();
        }
    }

    /** A moderator's action on one participant; removal and a ban take them out of the lesson at once. */
    void moderate(Member by, String participantId, LessonControls.Moderation action) throws ProtocolError {
        if (!LessonControls.moderates(by.participant)) { // before looking anyone up: a pupil learns nothing here
            room.records().controlRefused(lessonId(), by, "moderation_" + action.wireName());
            throw new ProtocolError("not_allowed", "only the teacher and safety staff moderate");
        }
        Member target = target(participantId);
        try {
            controls().moderate(by.participant, target.participant, action);
        } catch (LessonControls.Refused e) {
            throw refused(by, "moderation_" + action.wireName(), e);
        }
        room.records().control(lessonId(), by, "moderation_" + action.wireName(), target.id(), false);
        switch (action) {
            case REMOVE, BAN -> {
                ObjectNode event = room.outbound().message("removed", null);
                event.put("reason", action == LessonControls.Moderation.BAN ? "banned" : "removed");
                target.session.sendText(event.toString(), Audience.Delivery.ESSENTIAL);
                room.leave(target, "removed");
                target.session.closeBecause(ClientSession.CLOSE_REMOVED, "removed by a moderator");
            }
            case OFF_STAGE -> room.stage(by, participantId, false);
            default -> enforce(target);
        }
    }

    /**
     * Safety staff cut off one participant ({@code participantId}) or the whole lesson (null), or lift it. Completes
     * when the hold is in force at the SFU, with the streams held and the time from {@code commandNanos} to the last
     * packet forwarded before it.
     */
    CompletableFuture<ObjectNode> cutOff(Member by, String participantId, boolean on, String reason,
                                         long commandNanos, Object requestId, CutOffTimer timer)
            throws ProtocolError {
        if (by.participant.role() != org.sanke.classroom.Role.INSPECTOR) {
            room.records().controlRefused(lessonId(), by, "lesson_cut_off");
            throw new ProtocolError("not_allowed", "only safety staff cut off streams");
        }
        Member target = participantId == null ? null : target(participantId);
        try {
            controls().cutOff(by.participant, target == null ? null : target.participant, on, reason);
        } catch (LessonControls.Refused e) {
            throw refused(by, "lesson_cut_off", e);
        }
        room.records().control(lessonId(), by, on ? "lesson_cut_off" : "lesson_cut_off_lifted",
                (target == null ? "whole lesson" : target.id()) + (reason == null ? "" : ": " + reason), false);
        List<CompletableFuture<Long>> holds = target == null ? enforceAll() : enforce(target);
        return CompletableFuture.allOf(holds.toArray(CompletableFuture[]::new)).thenApplyAsync(ignored -> {
            long lastForwarded = holds.stream().mapToLong(CompletableFuture::join).max().orElse(0);
            long afterCommand = Math.max(0, lastForwarded - commandNanos);
            ObjectNode reply = room.outbound().message("cutOffApplied", requestId);
            reply.put("streams", holds.size());
            if (on && !holds.isEmpty()) {
                timer.record(afterCommand);
                reply.put("lastPacketAfterMs", afterCommand / 1_000_000.0);
            }
            return reply;
        }, room.loop());
    }

    /** Who acts when the moderation hook's checker asks for a cut-off: safety staff's standing, nobody's account. */
    private static final Participant CHECKER = new Participant(LessonRecords.CHECKER,
            org.sanke.classroom.Role.INSPECTOR, LessonRecords.CHECKER);

    /**
     * The moderation hook's verdict on a picture of {@code publisher}'s stream (S15): staff get a report with the
     * picture; on a cut-off the publisher's streams are held at once, the publisher is told why, and they stay cut
     * off until staff lift it.
     */
    void pictureJudged(Member publisher, String source, org.sanke.signaling.pictures.Verdict verdict, byte[] jpeg) {
        boolean cut = verdict.action() == org.sanke.signaling.pictures.Verdict.Action.CUT_OFF;
        if (cut && controls().cutOffReason(publisher.participant) != null) {
            return; // a picture taken just before the hold: already done, nothing more for staff's queue
        }
        room.records().pictureJudged(room.live().lesson(), publisher, source, verdict.action().wireName(),
                verdict.reason(), jpeg);
        if (!cut || publisher.gone) {
            return;
        }
        try {
            controls().cutOff(CHECKER, publisher.participant, true,
                    verdict.reason() == null ? "picture check" : verdict.reason());
        } catch (LessonControls.Refused e) {
            throw new IllegalStateException("the checker acts as safety staff", e);
        }
        enforce(publisher);
    }

    private Member target(String participantId) throws ProtocolError {
        Member target = room.member(participantId);
        if (target == null) {
            throw new ProtocolError("invalid_field", "no participant " + participantId + " in this lesson");
        }
        return target;
    }

    /** Applies the controls to every member's producers and tells everyone; returns the holds that changed. */
    List<CompletableFuture<Long>> enforceAll() {
        List<CompletableFuture<Long>> changed = new ArrayList<>();
        for (Member member : room.members()) {
            changed.addAll(enforce(member));
        }
        return changed;
    }

    /** Applies the controls to a member's new producers, telling it only when a control is in force. */
    void enforceQuietly(Member member) {
        if (controls().quiet() && held.values().stream().noneMatch(Boolean::booleanValue)) {
            for (Producer producer : member.producers) {
                held.putIfAbsent(producer, false);
            }
            return; // nothing holds: forwarding as usual, nothing to say
        }
        enforce(member);
    }

    /** Applies the controls to one member's producers and tells it what holds; returns the holds that changed. */
    List<CompletableFuture<Long>> enforce(Member member) {
        List<CompletableFuture<Long>> changed = new ArrayList<>();
        for (Producer producer : member.producers) {
            boolean hold = !controls().forwards(member.participant, source(member, producer));
            Boolean before = held.put(producer, hold);
            if (before == null ? hold : before != hold) {
                changed.add(producer.hold(hold));
            }
        }
        tell(member);
        return changed;
    }

    /** A producer that closed: nothing to keep for it. */
    void forget(Producer producer) {
        held.remove(producer);
    }

    private static LessonControls.Source source(Member member, Producer producer) {
        return switch (member.source(producer)) {
            case Member.SCREEN -> LessonControls.Source.SCREEN;
            case "microphone" -> LessonControls.Source.MICROPHONE;
            default -> LessonControls.Source.CAMERA;
        };
    }

    /** What applies to this member now: the lesson's locks and one-key state, and what of its own is held and why. */
    private void tell(Member member) {
        LessonControls c = controls();
        Participant p = member.participant;
        ObjectNode event = room.outbound().message("controls", null);
        ArrayNode locks = event.putArray("locks");
        c.locks().forEach(feature -> locks.add(feature.wireName()));
        event.put("paused", c.paused());
        event.put("interaction", !c.interactionOff());
        ObjectNode mine = event.putObject("held");
        for (LessonControls.Source source : LessonControls.Source.values()) {
            mine.put(source.name().toLowerCase(java.util.Locale.ROOT), !c.forwards(p, source));
        }
        String reason = c.cutOffReason(p);
        if (reason != null) {
            event.put("cutOff", reason);
        }
        member.session.sendText(event.toString(), Audience.Delivery.ESSENTIAL);
    }
}
