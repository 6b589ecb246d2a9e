package org.sanke.signaling.session;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.sanke.classroom.AttendanceStore;
import org.sanke.classroom.JoinPolicy;
import org.sanke.classroom.JoinResult;
import org.sanke.classroom.LessonAdmission;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonState;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Role;
import org.sanke.classroom.Scheduling;
import org.sanke.media.api.Router;
import org.sanke.signaling.protocol.Inbound;
import org.sanke.signaling.protocol.Outbound;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.signaling.sdp.SdpNegotiator;

/**
 * The running lessons: a room is made at the first join and dropped when its last member leaves. Each room is
 * pinned to a lesson loop; the door's store reads run on the store's workers. Thread-safe.
 */
public final class LessonRooms {
    private final LessonDirectory lessons;
    private final LessonAdmission admission;
    private final Scheduling scheduling;
    private final Supplier<Router> routers;
    private final LessonLoops loops;
    private final Executor storeWorkers;
    private final Outbound outbound;
    private final LessonRecords records;
    /** Safety staff's limits and guardians' consent, asked from memory. */
    private final PersonPermits permits;
    private final SdpNegotiator sdp = new SdpNegotiator();
    private final ConcurrentMap<String, LessonRoom> rooms = new ConcurrentHashMap<>();
    private final AttendanceRecorder attendance;
    private final LiveGrants grants = new LiveGrants();
    private final Moderation moderation;

    /**
     * @param attendance   a store whose writes never block (queued), since they are made on lesson loops
     * @param storeWorkers where store reads of the door run (they may block)
     * @param moderation   the text filter chat, questions and chosen names go through, and the flood counts
     */
    private final LessonPictures pictures;
    private final LessonRecordings recordings;

    public LessonRooms(LessonAdmission admission, LessonDirectory lessons, Scheduling scheduling,
                       Supplier<Router> routers, AttendanceStore attendance, Clock clock, LessonLoops loops,
                       Executor storeWorkers, Outbound outbound, Moderation moderation, LessonRecords records,
                       PersonPermits permits, LessonPictures pictures, LessonRecordings recordings) {
        this.pictures = pictures;
        this.recordings = recordings;
        this.records = records;
        this.permits = permits;
        this.admission = admission;
        this.lessons = lessons;
        this.scheduling = scheduling;
        this.routers = routers;
        this.attendance = new AttendanceRecorder(attendance, clock);
        this.loops = loops;
        this.storeWorkers = storeWorkers;
        this.outbound = outbound;
        this.moderation = moderation;
    }

    /**
     * Takes a connection into a lesson: the door (on a store worker), then the seat (on the lesson's loop), which
     * sends the joined reply. Fails with the {@link ProtocolError} of a refusal.
     */
    CompletableFuture<Void> join(ClientSession session, Inbound.Join join, Role role) {
        CompletableFuture<LessonAdmission.Result> door;
        try {
            door = CompletableFuture.supplyAsync(() -> admission.admit(join.lessonId(), role, join.classroomId(),
                    join.deviceToken(), join.grant()), storeWorkers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ProtocolError("busy", "the server is busy; join again"));
        }
        CompletableFuture<Void> seated = door.thenCompose(result -> switch (result) {
            case JoinResult.Refusal refusal -> CompletableFuture.failedFuture(refusalError(refusal));
            case LessonAdmission.Open open -> {
                String name;
                try {
                    name = shownName(open, join.name());
                } catch (ProtocolError refused) {
                    yield CompletableFuture.failedFuture(refused);
                }
                // Held before the seat, so that a logout meanwhile is not missed.
                if (open.grant() != null && !grants.hold(session, open.grant())) {
                    yield CompletableFuture.failedFuture(new ProtocolError("too_many_connections", "you are in"
                            + " lessons on " + LiveGrants.MAX_PER_PERSON + " connections already: close one first"));
                }
                yield enter(session, open, role, name, join.classroomId(), join.rejoinToken(), join.requestId());
            }
        });
        return seated.whenComplete((ok, failure) -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause()
                    : failure;
            if (cause instanceof ProtocolError refused) {
                records.refused(join.lessonId(), role.wireName(), refused.code(), session);
            }
        });
    }

    /**
     * The name the lesson shows. One the joiner chose (with an invitation, or a terminal's) goes through the text
     * filter (S13); a person's own name came from the school's records, entered by its staff, and is shown as is.
     */
    private String shownName(LessonAdmission.Open open, String asked) throws ProtocolError {
        String name = open.displayName(asked);
        boolean chosen = open.grant() == null || open.grant().invitation();
        return chosen ? moderation.screen(Moderation.Kind.NAME, name) : name;
    }

    Moderation moderation() {
        return moderation;
    }

    /** The connection closed: its grant no longer holds a seat. */
    void released(ClientSession session) {
        grants.release(session);
    }

    /** A person signed out (or was signed out): their connections leave every lesson at once. */
    public void signedOut(String personId) {
        grants.close(grant -> personId.equals(grant.personId()), ClientSession.CLOSE_SIGNED_OUT, "signed out");
    }

    /**
     * Safety staff took a measure against a person or a classroom: kept out, whoever it is leaves every lesson at
     * once (closed with 4007); limited, they stay and watch, and nothing of theirs goes on.
     */
    public void sanctioned(String personId, String classroomId, boolean keptOut) {
        for (LessonRoom room : rooms.values()) {
            room.execute(() -> room.sanctioned(personId, classroomId, keptOut));
        }
    }

    /** An invitation was withdrawn: whoever came in with it leaves at once. */
    public void revoked(String grantId) {
        grants.close(grant -> grant.id().equals(grantId), ClientSession.CLOSE_GRANT_REVOKED, "invitation withdrawn");
    }

    private CompletableFuture<Void> enter(ClientSession session, LessonAdmission.Open open, Role role, String name,
                                          String classroomId, String rejoinToken, Object requestId) {
        String id = open.lesson().id();
        LessonRoom room = rooms.computeIfAbsent(id, key -> newRoom(open));
        CompletableFuture<Void> done = new CompletableFuture<>();
        room.execute(() -> {
            boolean byInvitation = open.grant() != null && open.grant().invitation();
            if (room.live().controls().waits(role, byInvitation) && !room.seated(rejoinToken)) {
                if (!room.waitingRoom().hold(session, role, name,
                        () -> seat(room, session, open, role, name, classroomId, rejoinToken, requestId, done),
                        done::completeExceptionally)) {
                    done.completeExceptionally(new ProtocolError("waiting_room_full", "too many are waiting to be"
                            + " let in: try again later"));
                }
                return;
            }
            seat(room, session, open, role, name, classroomId, rejoinToken, requestId, done);
        });
        return done;
    }

    /** On the room's thread: takes the seat, or refuses, and completes {@code done}. */
    private void seat(LessonRoom room, ClientSession session, LessonAdmission.Open open, Role role, String name,
                      String classroomId, String rejoinToken, Object requestId, CompletableFuture<Void> done) {
        String id = open.lesson().id();
        JoinResult result = room.join(session, role, name, classroomId, open.realNameVerified(),
                open.grant() == null ? null : open.grant().personId(), rejoinToken, requestId);
        if (result == null) { // it closed between lookup and join: make a new one
            rooms.remove(id, room);
            enter(session, open, role, name, classroomId, rejoinToken, requestId).whenComplete((ok, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(null);
                }
            });
        } else if (result instanceof JoinResult.Refusal refusal) {
            done.completeExceptionally(refusalError(refusal));
        } else {
            done.complete(null);
        }
    }

    /** A room that, once empty, leaves the map itself (and only itself, never a successor under the same id). */
    private LessonRoom newRoom(LessonAdmission.Open open) {
        LessonRoom[] made = new LessonRoom[1];
        made[0] = new LessonRoom(new LiveLesson(open.lesson(), JoinPolicy.byMode(lessons.policies())),
                open.timetabled(), loops.next(), routers, sdp, outbound, attendance, moderation, records, permits,
                pictures, recordings, () -> rooms.remove(open.lesson().id(), made[0]));
        return made[0];
    }

    /** The one mapping from the domain's refusals to the protocol's error codes. */
    static ProtocolError refusalError(JoinResult.Refusal refusal) {
        return new ProtocolError(switch (refusal.reason()) {
            case LESSON_NOT_FOUND -> "lesson_not_found";
            case LESSON_NOT_OPEN -> "lesson_not_open";
            case NOT_ENROLLED -> "not_enrolled";
            case MISSING_FIELD -> "missing_field";
            case DEVICE_NOT_AUTHORIZED -> "device_not_authorized";
            case GRANT_REQUIRED -> "grant_required";
            case GRANT_FORGED -> "grant_forged";
            case GRANT_EXPIRED -> "grant_expired";
            case GRANT_REVOKED -> "grant_revoked";
            case GRANT_NOT_FOR_THIS -> "grant_not_for_this";
            case REAL_NAME_REQUIRED -> "real_name_required";
            case ROLE_TAKEN -> "role_taken";
            case LESSON_FULL -> "lesson_full";
            case ROLE_NOT_ALLOWED -> "role_not_allowed";
            case LESSON_LOCKED -> "lesson_locked";
            case BANNED -> "banned_from_lesson";
            case KEPT_OUT -> "kept_out";
        }, refusal.message());
    }

    /**
     * The teacher ends the lesson for everyone: a timetabled lesson is first marked ended in the store (on a
     * worker), then {@code reply} runs and everyone is told, on the lesson's loop. A failed write ends nothing.
     */
    CompletableFuture<Void> endByTeacher(LessonRoom room, Runnable reply) {
        CompletableFuture<Void> written = room.timetabled() == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> scheduling.endEarly(room.live().lesson().id()), storeWorkers);
        return written.thenRunAsync(() -> {
            reply.run();
            room.end("ended_by_teacher");
        }, room.loop());
    }

    /**
     * Ends the running timetabled lessons that are past their end and overrun; called every few seconds. A lesson
     * made through the API (no timetable) runs as long as anyone is in it.
     */
    public void endOverdue() {
        var now = scheduling.clock().instant();
        for (LessonRoom room : rooms.values()) {
            if (room.timetabled() != null && room.timetabled().lifecycle().stateAt(now) == LessonState.ENDED) {
                room.execute(() -> room.end("time_over"));
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

    /** The lessons someone is in right now. */
    public List<org.sanke.classroom.Lesson> lessonsLive() {
        return rooms.values().stream().map(room -> room.live().lesson()).toList();
    }

    /** Still pictures of the live streams (patrol wall, moderation hook). */
    public LessonPictures pictures() {
        return pictures;
    }

    /** The recordings of the live lessons. */
    public LessonRecordings recordings() {
        return recordings;
    }

    /** A connection's place in a lesson. */
    record Joined(LessonRoom room, Member member) {
    }
}
