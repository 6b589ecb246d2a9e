package org.sanke.signaling.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.time.Clock;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.JoinPolicy;
import org.sanke.classroom.LessonState;
import org.sanke.classroom.ScheduledLesson;
import org.sanke.classroom.Scheduling;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Role;
import org.sanke.media.api.Router;
import org.sanke.signaling.sdp.SdpNegotiator;

/** The running lessons: a room is made at the first join and dropped when its last member leaves. Thread-safe. */
public final class LessonRooms {
    private final LessonDirectory lessons;
    private final Supplier<Router> routers;
    private final SdpNegotiator sdp = new SdpNegotiator();
    private final ConcurrentMap<String, LessonRoom> rooms = new ConcurrentHashMap<>();
    private final AttendanceStore attendance;
    private final Clock clock;

    private final Scheduling scheduling;

    private final SchoolRegistry schools;

    public LessonRooms(LessonDirectory lessons, Scheduling scheduling, SchoolRegistry schools,
                       Supplier<Router> routers, AttendanceStore attendance, Clock clock) {
        this.lessons = lessons;
        this.schools = schools;
        this.scheduling = scheduling;
        this.routers = routers;
        this.attendance = attendance;
        this.clock = clock;
    }

    /** The member, a {@link org.sanke.classroom.JoinResult.Refusal}, or empty when there is no such lesson. */
    Optional<Object> join(ClientSession session, String lessonId, Role role, String name, String classroomId,
                          String deviceToken) throws ProtocolError {
        if (classroomId != null && role == Role.CLASSROOM) {
            // A terminal speaks for its room only with the room's device token (logged in once, kept on it).
            if (deviceToken == null) {
                throw new ProtocolError("missing_field", "'deviceToken' is required to join as classroom "
                        + classroomId);
            }
            if (!schools.checkDeviceToken(classroomId, deviceToken)) {
                throw new ProtocolError("device_not_authorized", "the device token is not classroom "
                        + classroomId + "'s");
            }
        }
        Lesson lesson = lessons.find(lessonId).orElse(null);
        ScheduledLesson slot = null;
        if (lesson == null) {
            Optional<ScheduledLesson> scheduled = scheduling.lesson(lessonId);
            if (scheduled.isEmpty()) {
                return Optional.empty();
            }
            slot = scheduled.get();
            checkScheduled(slot, role, classroomId);
            lesson = slot.lesson();
        }
        Lesson found = lesson;
        ScheduledLesson timetabled = slot;
        while (true) {
            LessonRoom room = rooms.computeIfAbsent(lessonId, id -> new LessonRoom(
                    new LiveLesson(found, JoinPolicy.byMode(lessons.policies())), timetabled, routers, sdp,
                    new AttendanceRecorder(attendance, clock), () -> rooms.remove(id)));
            Object result = room.join(session, role, name, classroomId);
            if (result != null) {
                return Optional.of(result instanceof Member member ? new Joined(room, member) : result);
            }
            rooms.remove(lessonId, room); // it closed between lookup and join: make a new one
        }
    }

    /** A timetabled lesson admits only while open or live, and classrooms only when enrolled. */
    private void checkScheduled(ScheduledLesson scheduled, Role role, String classroomId) throws ProtocolError {
        if (scheduling.endedEarly(scheduled.lesson().id())) {
            throw new ProtocolError("lesson_not_open", "the teacher has ended the lesson");
        }
        LessonState state = scheduled.lifecycle().stateAt(scheduling.clock().instant());
        if (state == LessonState.SCHEDULED) {
            throw new ProtocolError("lesson_not_open", "the lesson opens 10 minutes before " + scheduled.start()
                    .toLocalTime() + " on " + scheduled.start().toLocalDate());
        }
        if (state == LessonState.ENDED) {
            throw new ProtocolError("lesson_not_open", "the lesson has ended");
        }
        if (role == Role.CLASSROOM) {
            if (classroomId == null) {
                throw new ProtocolError("missing_field", "'classroomId' is required to join a timetabled lesson"
                        + " as a classroom");
            }
            if (!scheduled.enrolledClassrooms().contains(classroomId)) {
                throw new ProtocolError("not_enrolled", "classroom " + classroomId + " is not enrolled in this"
                        + " lesson (" + scheduled.lesson().title() + ", " + scheduled.start() + ")");
            }
        }
    }

    /** The teacher ends the lesson for everyone; a timetabled lesson then takes no more joins. */
    void endByTeacher(Joined here) {
        if (here.room().timetabled() != null) {
            scheduling.endEarly(here.room().live().lesson().id());
        }
        here.room().end("ended_by_teacher");
    }

    /**
     * Ends the running timetabled lessons that are past their end and overrun; called every few seconds. A lesson
     * made through the API (no timetable) runs as long as anyone is in it.
     */
    public void endOverdue() {
        var now = scheduling.clock().instant();
        for (LessonRoom room : rooms.values()) {
            if (room.timetabled() != null && room.timetabled().lifecycle().stateAt(now) == LessonState.ENDED) {
                room.end("time_over");
            }
        }
    }

    /** Who is in a lesson right now. */
    public List<Participant> participants(String lessonId) {
        LessonRoom room = rooms.get(lessonId);
        return room == null ? List.of() : room.participants();
    }

    public int liveLessons() {
        return rooms.size();
    }

    record Joined(LessonRoom room, Member member) {
    }
}
