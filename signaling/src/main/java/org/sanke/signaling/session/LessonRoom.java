package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.sanke.classroom.ForwardingRule;
import org.sanke.classroom.JoinResult;
import org.sanke.classroom.LiveLesson;
import org.sanke.classroom.Participant;
import org.sanke.classroom.Question;
import org.sanke.classroom.Role;
import org.sanke.classroom.Roster;
import org.sanke.classroom.ScheduledLesson;
import org.sanke.media.api.Producer;
import org.sanke.media.api.Router;
import org.sanke.media.api.TransportListener;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.signaling.protocol.Outbound;
import org.sanke.signaling.protocol.ProtocolError;
import org.sanke.signaling.sdp.SdpException;
import org.sanke.signaling.sdp.SdpNegotiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running lesson: the domain's live lesson, who is in it, and its media (one router; per member a publish and
 * a subscribe transport). Its parts each have one job: {@link Publishing} and {@link Subscriptions} negotiate media,
 * {@link RoomConversation} carries what people say, {@link Audience} fans events out.
 *
 * <p>Threads: the room is owned by one lesson loop ({@link LessonLoops}). Every method here runs on it: connections
 * and the media plane hand their work to {@link #execute}, and media futures complete back onto it. Nothing here
 * blocks; the store is reached through non-blocking writers. Only {@link #participants()} may be read from anywhere.
 */
public final class LessonRoom {
    private static final Logger LOG = LoggerFactory.getLogger(LessonRoom.class);

    private final LiveLesson live;
    private final ScheduledLesson timetabled;
    private final Executor loop;
    private final Supplier<Router> routers;
    private final Outbound outbound;
    private final AttendanceRecorder attendance;
    private final LessonRecords records;
    private final PersonPermits permits;
    private final Runnable onEmpty;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Publishing publishing;
    private final Subscriptions subscriptions;
    private final RoomConversation conversation;
    private final RoomControls controls;
    private final WaitingRoom waitingRoom;
    /** Who is here, for readers on other threads (the REST API); replaced on every join and leave. */
    private volatile List<Participant> present = List.of();
    private Router router;
    private final LessonPictures pictures;
    private final LessonRecordings recordings;
    private boolean closed;

    /** @param timetabled the timetable slot this lesson is, or null for a lesson made through the API */
    LessonRoom(LiveLesson live, ScheduledLesson timetabled, Executor loop, Supplier<Router> routers, SdpNegotiator sdp,
               Outbound outbound, AttendanceRecorder attendance, Moderation moderation, LessonRecords records,
               PersonPermits permits, LessonPictures pictures, LessonRecordings recordings, Runnable onEmpty) {
        this.pictures = pictures;
        this.recordings = recordings;
        this.records = records;
        this.permits = permits;
        this.live = live;
        this.timetabled = timetabled;
        this.loop = loop;
        this.routers = routers;
        this.outbound = outbound;
        this.attendance = attendance;
        this.onEmpty = onEmpty;
        this.publishing = new Publishing(this, sdp);
        this.subscriptions = new Subscriptions(this, sdp);
        this.conversation = new RoomConversation(this, attendance, moderation);
        this.controls = new RoomControls(this);
        this.waitingRoom = new WaitingRoom(this);
    }

    /** Runs a task on this lesson's thread; a task that throws is logged and the lesson goes on. */
    void execute(Runnable task) {
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("lesson {}: a task failed", live.lesson().id(), e);
            }
        });
    }

    /** This lesson's thread, for media futures to complete onto. */
    Executor loop() {
        return this::execute;
    }

    public LiveLesson live() {
        return live;
    }

    /** The timetable slot this lesson is, or null for a lesson made through the API. */
    ScheduledLesson timetabled() {
        return timetabled;
    }

    Collection<Member> members() {
        return members.values();
    }

    Member member(String participantId) {
        return members.get(participantId);
    }

    Outbound outbound() {
        return outbound;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    Publishing publishing() {
        return publishing;
    }

    RoomConversation conversation() {
        return conversation;
    }

    RoomControls controls() {
        return controls;
    }

    LessonRecords records() {
        return records;
    }

    PersonPermits permits() {
        return permits;
    }

    LessonRecordings recordings() {
        return recordings;
    }

    /** Everyone (inspectors too) is told that the lesson is being recorded (S17), or no longer is. */
    void tellRecording(boolean on) {
        ObjectNode event = outbound.message("recording", null);
        event.put("on", on);
        Audience.sendAll(members.values(), event, Audience.Delivery.ESSENTIAL);
    }

    LessonPictures pictures() {
        return pictures;
    }

    WaitingRoom waitingRoom() {
        return waitingRoom;
    }

    /** A measure of safety staff's against a person or a classroom: out of this lesson, or limited in it (S16). */
    void sanctioned(String personId, String classroomId, boolean keptOut) {
        for (Member member : List.copyOf(members.values())) {
            boolean concerned = (personId != null && personId.equals(member.personId))
                    || (classroomId != null && classroomId.equals(member.participant.classroomId()));
            if (!concerned) {
                continue;
            }
            if (keptOut) {
                ObjectNode event = outbound.message("removed", null);
                event.put("reason", "kept_out");
                member.session.sendText(event.toString(), Audience.Delivery.ESSENTIAL);
                leave(member, "kept_out");
                member.session.closeBecause(ClientSession.CLOSE_REMOVED, "kept out by safety staff");
            } else {
                live.controls().limit(member.id());
                controls.enforce(member);
            }
        }
    }

    /** Whether a member who joined with this rejoin token is still here (its new connection takes its seat). */
    boolean seated(String rejoinToken) {
        return rejoinToken != null && members.values().stream().anyMatch(m -> m.rejoinToken.equals(rejoinToken));
    }

    /** Who is in the lesson right now; safe from any thread. */
    List<Participant> participants() {
        return present;
    }

    /**
     * Seats a member and sends the {@code joined} reply, or returns the refusal; null when the room has just closed
     * (the caller makes a new one). With the rejoin token of a member who is still here, the new connection takes
     * that member's place: the old connection's seat is freed first.
     */
    JoinResult join(ClientSession session, Role role, String name, String classroomId, boolean realNameVerified,
                    String personId, String rejoinToken, Object requestId) {
        if (closed) {
            return null;
        }
        if (rejoinToken != null) {
            members.values().stream()
                    .filter(m -> m.rejoinToken.equals(rejoinToken) && m.participant.role() == role)
                    .findFirst().ifPresent(old -> {
                        leave(old, "replaced");
                        old.session.closeBecauseReplaced();
                    });
        }
        if (role == Role.TEACHER && personId != null) {
            // The same teacher on another device (or a page whose connection died unnoticed) takes her seat back.
            members.values().stream()
                    .filter(m -> m.participant.role() == Role.TEACHER && personId.equals(m.personId))
                    .findFirst().ifPresent(old -> {
                        leave(old, "replaced");
                        old.session.closeBecauseReplaced();
                    });
        }
        JoinResult result = live.join(role, name, role == Role.CLASSROOM ? classroomId : null, realNameVerified,
                personId);
        if (!(result instanceof JoinResult.Admitted admitted)) {
            return result;
        }
        Participant participant = admitted.participant();
        Member member = new Member(participant, session, personId);
        ObjectNode joinedEvent = outbound.message("participantJoined", null);
        joinedEvent.set("participant", participantJson(participant));
        Audience.send(members.values(), m -> Roster.sees(m.participant, participant, false), joinedEvent,
                Audience.Delivery.ESSENTIAL);
        members.put(participant.id(), member);
        present = live.participants();
        attendance.joined(live.lesson().id(), participant);
        // Seated before the reply goes out, so that the client's next request finds it seated.
        if (!session.attach(new LessonRooms.Joined(this, member))) {
            leave(member, "disconnected"); // the socket closed while it was joining
            return result;
        }
        session.send(joinedReply(member, requestId));
        records.joined(live.lesson().id(), member);
        recordings.seated(this, member);
        if (permits.limited(personId, participant.classroomId())) {
            live.controls().limit(participant.id());
        }
        if (!live.controls().quiet()) {
            controls.enforce(member); // what is locked or held, before it publishes anything
        }
        startReceiving(member);
        return result;
    }

    private ObjectNode joinedReply(Member member, Object requestId) {
        Participant me = member.participant;
        ObjectNode reply = outbound.message("joined", requestId);
        reply.put("participantId", me.id());
        reply.put("role", me.role().wireName());
        reply.put("rejoinToken", member.rejoinToken);
        reply.put("recording", recordings.recording(live.lesson().id()));
        ObjectNode lesson = reply.putObject("lesson");
        lesson.put("id", live.lesson().id());
        lesson.put("title", live.lesson().title());
        lesson.put("mode", live.lesson().mode().wireName());
        ArrayNode questions = reply.putArray("questions");
        for (Question question : live.questions()) {
            questions.add(conversation.questionJson(question));
        }
        ArrayNode others = reply.putArray("participants");
        for (Member other : members.values()) {
            if (Roster.sees(me, other.participant, live.isOnStage(other.id()))) {
                others.add(participantJson(other.participant));
            }
        }
        return reply;
    }

    /** After the joined reply went out: start receiving what this member may receive. */
    private void startReceiving(Member member) {
        for (Member publisher : members.values()) {
            if (receives(member, publisher)) {
                for (Producer producer : publisher.producers) {
                    subscriptions.addTrack(member, publisher, producer);
                }
            }
        }
    }

    ObjectNode participantJson(Participant p) {
        ObjectNode node = outbound.object();
        node.put("participantId", p.id());
        node.put("role", p.role().wireName());
        node.put("name", p.displayName());
        return node;
    }

    // ---- leaving ------------------------------------------------------------------------------------------------

    /** Removes a member (left, disconnected, replaced, or its media timed out) and tells the others. Idempotent. */
    void leave(Member member, String reason) {
        if (member.gone) {
            return;
        }
        boolean hadHand = live.handQueue().contains(member.id());
        boolean wasOnStage = live.isOnStage(member.id());
        depart(member, reason);
        for (Member other : members.values()) {
            if (Subscriptions.removeTracks(other, member)) {
                subscriptions.maybeOffer(other);
            }
        }
        ObjectNode event = outbound.message("participantLeft", null);
        event.put("participantId", member.id());
        event.put("role", member.participant.role().wireName());
        event.put("reason", reason);
        Audience.send(members.values(), m -> Roster.sees(m.participant, member.participant, wasOnStage), event,
                Audience.Delivery.ESSENTIAL);
        if (hadHand) {
            conversation.broadcastHandQueue();
        }
        closeIfEmpty();
    }

    /** Takes a member out of the room and the lesson, and closes its media; the others are not told here. */
    private void depart(Member member, String reason) {
        member.gone = true;
        members.remove(member.id());
        live.leave(member.id());
        present = live.participants();
        attendance.left(live.lesson().id(), member.id(), reason);
        records.left(live.lesson().id(), member, reason);
        member.producers.forEach(controls::forget);
        closeTransport(member.publishTransport);
        closeTransport(member.subscribe.transport);
    }

    private void closeIfEmpty() {
        if (members.isEmpty() && !closed) {
            closed = true;
            recordings.closed(this);
            if (router != null) {
                router.close();
            }
            onEmpty.run();
        }
    }

    /**
     * Ends the lesson for everyone: each member is told why ({@code ended_by_teacher}, {@code time_over}) and leaves;
     * the room closes.
     */
    void end(String reason) {
        // Everyone goes at once: nobody needs to hear the others leave or get a subscribe offer without them.
        ObjectNode event = outbound.message("lessonEnded", null);
        event.put("reason", reason);
        Audience.sendAll(members.values(), event, Audience.Delivery.ESSENTIAL);
        for (Member member : List.copyOf(members.values())) {
            depart(member, "ended");
        }
        closeIfEmpty();
    }

    boolean receives(Member receiver, Member sender) {
        return ForwardingRule.receives(receiver.participant, sender.participant, live.isOnStage(sender.id()));
    }

    // ---- stage --------------------------------------------------------------------------------------------------

    /**
     * The teacher brings a classroom (or an observer) on stage or takes it off; everyone's media follows. An
     * observer publishes once on stage, and stops when taken off.
     */
    void stage(Member by, String participantId, boolean on) throws ProtocolError {
        Member candidate = members.get(participantId);
        if (on && candidate != null && !permits.mayPublish(candidate.personId)) {
            throw new ProtocolError("guardian_consent_required", "this learner is under 14 and comes on stage only"
                    + " with a guardian's consent");
        }
        boolean hadHand = live.handQueue().contains(participantId);
        boolean changed;
        try {
            changed = live.setOnStage(by.id(), participantId, on);
        } catch (LiveLesson.InteractionRefused e) {
            throw new ProtocolError("not_allowed", e.getMessage());
        }
        if (!changed) {
            return;
        }
        records.control(live.lesson().id(), by, on ? "stage_on" : "stage_off", participantId, true);
        Member target = members.get(participantId);
        for (Member receiver : members.values()) {
            if (receiver == target) {
                continue;
            }
            boolean receiving = Subscriptions.receiving(receiver, target);
            if (receives(receiver, target) && !receiving) {
                target.producers.forEach(producer -> subscriptions.addTrack(receiver, target, producer));
            } else if (!receives(receiver, target) && receiving && Subscriptions.removeTracks(receiver, target)) {
                subscriptions.maybeOffer(receiver);
            }
        }
        recordings.staged(this, target, on);
        ObjectNode event = outbound.message("stageChanged", null);
        event.put("participantId", participantId);
        event.put("name", target.participant.displayName());
        event.put("on", on);
        Audience.send(members.values(), member -> member.participant.role().visible() || member == by, event,
                Audience.Delivery.ESSENTIAL);
        if (!on && !live.mayPublish(participantId)) {
            publishing.stopPublishing(target);
        }
        if (hadHand) {
            conversation.broadcastHandQueue();
        }
    }

    // ---- media --------------------------------------------------------------------------------------------------

    static void closeTransport(CompletableFuture<WebRtcTransport> transport) {
        if (transport != null) {
            transport.thenAccept(WebRtcTransport::close);
        }
    }

    /** Media events of a member's transport, handed to this lesson's thread. */
    TransportListener listener(Member member) {
        return new TransportListener() {
            @Override
            public void onTransportClosed(WebRtcTransport transport, CloseReason reason) {
                if (reason == CloseReason.CONSENT_EXPIRED || reason == CloseReason.DTLS_FAILED) {
                    execute(() -> {
                        LOG.info("media of {} in lesson {} ended: {}", member.id(), live.lesson().id(), reason);
                        leave(member, "media_timeout");
                        member.session.closeBecauseMediaEnded();
                    });
                }
            }
        };
    }

    Router router() {
        if (router == null) {
            router = routers.get();
        }
        return router;
    }

    static ProtocolError sdpError(SdpException e) {
        return new ProtocolError(e.isUnsupported() ? "sdp_unsupported" : "sdp_invalid", e.getMessage());
    }
}
