package org.sanke.signaling.session;

import org.sanke.classroom.Participant;
import org.sanke.classroom.audit.AuditActor;
import org.sanke.classroom.audit.AuditTrail;
import org.sanke.classroom.audit.LiveRecord;
import org.sanke.classroom.audit.LiveRecords;
import org.sanke.classroom.audit.Outcome;
import org.sanke.classroom.report.Report;
import org.sanke.classroom.report.Reports;

/**
 * What a lesson leaves in the records: security events in the audit trail (S22: joins and refusals, publishing,
 * every moderation, one-key action and cut-off) and the live-content records kept at least 60 days (S35: joins and
 * leaves with their address, permission changes, moderation, streams starting and stopping). Both only queue, so
 * they are safe on a lesson's thread.
 */
public final class LessonRecords {
    private final AuditTrail audit;
    private final LiveRecords live;
    private final Reports reports;

    public LessonRecords(AuditTrail audit, LiveRecords live, Reports reports) {
        this.audit = audit;
        this.live = live;
        this.reports = reports;
    }

    /** Files a report for staff (S14): queued, never waited on. */
    void report(org.sanke.classroom.Lesson lesson, Member from, Member target, Report.Kind kind, String reason,
                String message, byte[] frame) {
        reports.file(lesson.id(), lesson.title(), kind, from.participant.displayName(), from.participant.personId(),
                target.id(), target.participant.displayName(), target.participant.personId(),
                target.participant.classroomId(), reason, message, frame);
        if (audit != null) {
            audit.record(actor(from), "report_filed", Outcome.SUCCESS, lesson.id(), kind.wireName() + " "
                    + target.id());
        }
    }

    /** What the moderation hook's checker reports as a staff member would: the name on its reports and records. */
    static final String CHECKER = "picture checker";

    /**
     * The moderation hook's checker flagged a picture of {@code target}'s stream (S15), or had it cut off: a report
     * with the picture for staff, and the action in the records.
     */
    void pictureJudged(org.sanke.classroom.Lesson lesson, Member target, String source, String verdict,
                       String reason, byte[] frame) {
        reports.file(lesson.id(), lesson.title(), Report.Kind.STREAM, CHECKER, null, target.id(),
                target.participant.displayName(), target.participant.personId(), target.participant.classroomId(),
                verdict + (reason == null ? "" : ": " + reason), null,
                frame.length <= Report.MAX_FRAME_BYTES ? frame : null);
        if (audit != null) {
            String detail = verdict + " " + target.id() + " " + source + (reason == null ? "" : ": " + reason);
            audit.record(new AuditActor(CHECKER, null, null), "picture_" + verdict, Outcome.SUCCESS, lesson.id(),
                    detail);
            live.record(lesson.id(), LiveRecord.Kind.MODERATION, target.id(), target.participant.personId(), null,
                    "picture_" + verdict + " " + source + (reason == null ? "" : ": " + reason));
        }
    }

    private static AuditActor actor(Member member) {
        Participant p = member.participant;
        return new AuditActor(p.personId() != null ? p.personId() : p.id(), p.role().wireName(),
                member.session.address());
    }

    void joined(String lessonId, Member member) {
        if (audit == null) {
            return;
        }
        // By opaque id and role only: names stay out of logs (S36).
        audit.record(actor(member), "lesson_joined", Outcome.SUCCESS, lessonId, member.id());
        live.record(lessonId, LiveRecord.Kind.JOIN, member.id(), member.participant.personId(),
                member.session.address(), member.participant.role().wireName());
    }

    void refused(String lessonId, String role, String code, ClientSession session) {
        if (audit != null) {
            audit.record(new AuditActor(null, role, session.address()), "lesson_join_refused", Outcome.FAILURE,
                    lessonId, code);
        }
    }

    void left(String lessonId, Member member, String reason) {
        if (live != null) {
            live.record(lessonId, LiveRecord.Kind.LEAVE, member.id(), member.participant.personId(),
                    member.session.address(), reason);
        }
    }

    /** What someone wrote to the lesson (as everyone saw it: masked where the filter masked it), S35. */
    void said(String lessonId, Member member, String kind, String text) {
        if (live != null) {
            live.record(lessonId, LiveRecord.Kind.CHAT, member.id(), member.participant.personId(),
                    member.session.address(), kind + ": " + text);
        }
    }

    void stream(String lessonId, Member member, String source, boolean started) {
        if (audit == null) {
            return;
        }
        if (started) {
            audit.record(actor(member), "track_published", Outcome.SUCCESS, lessonId, source);
        }
        live.record(lessonId, started ? LiveRecord.Kind.STREAM_START : LiveRecord.Kind.STREAM_STOP, member.id(),
                member.participant.personId(), member.session.address(), source);
    }

    /** A control used (a lock, a moderation, a one-key action, a cut-off, a stage change), by whom, on whom. */
    void control(String lessonId, Member by, String action, String detail, boolean permission) {
        if (audit == null) {
            return;
        }
        audit.record(actor(by), action, Outcome.SUCCESS, lessonId, detail);
        live.record(lessonId, permission ? LiveRecord.Kind.PERMISSION_CHANGE : LiveRecord.Kind.MODERATION, by.id(),
                by.participant.personId(), by.session.address(), action + (detail == null ? "" : " " + detail));
    }

    /** A control refused to someone who may not use it: worth knowing who tried. */
    void controlRefused(String lessonId, Member by, String action) {
        if (audit != null) {
            audit.record(actor(by), action, Outcome.FAILURE, lessonId, null);
        }
    }
}
