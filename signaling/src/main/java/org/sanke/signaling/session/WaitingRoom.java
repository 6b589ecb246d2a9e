package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sanke.classroom.LessonControls;
import org.sanke.classroom.Role;
import org.sanke.signaling.protocol.ProtocolError;

/**
 * The people waiting to be let into a lesson (S6), in the order they came; a moderator admits or denies each. A
 * waiting connection holds no seat and receives nothing of the lesson but that it waits. Bounded; owned by the
 * room's thread.
 */
final class WaitingRoom {
    /** More than a school's classes at once: a flood of links waits no further. */
    static final int MAX_WAITING = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LessonRoom room;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    WaitingRoom(LessonRoom room) {
        this.room = room;
    }

    /** One join held at the door: {@code admit} seats it (sending its joined reply), {@code deny} refuses it. */
    record Waiting(String id, ClientSession session, Role role, String name, Runnable admit,
                   java.util.function.Consumer<ProtocolError> deny) {
    }

    /** Holds a join until a moderator decides; false when the room is full (the join is then refused). */
    boolean hold(ClientSession session, Role role, String name, Runnable admit,
                 java.util.function.Consumer<ProtocolError> deny) {
        if (waiting.size() >= MAX_WAITING) {
            return false;
        }
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String id = "w" + HexFormat.of().formatHex(bytes);
        waiting.put(id, new Waiting(id, session, role, name, admit, deny));
        session.send(room.outbound().message("waiting", null));
        tellModerators();
        return true;
    }

    void admit(Member by, String waitingId) throws ProtocolError {
        Waiting w = decide(by, waitingId);
        w.admit().run();
        tellModerators();
    }

    void deny(Member by, String waitingId) throws ProtocolError {
        Waiting w = decide(by, waitingId);
        w.deny().accept(new ProtocolError("denied", "the teacher did not let you in"));
        tellModerators();
    }

    /** The waiting room was turned off: everyone waiting comes in. */
    void admitAll() {
        for (Waiting w : java.util.List.copyOf(waiting.values())) {
            waiting.remove(w.id());
            w.admit().run();
        }
        tellModerators();
    }


    private Waiting decide(Member by, String waitingId) throws ProtocolError {
        if (!LessonControls.moderates(by.participant)) {
            throw new ProtocolError("not_allowed", "only the teacher and safety staff let people in");
        }
        Waiting w = waiting.remove(waitingId);
        if (w == null) {
            throw new ProtocolError("invalid_field", "nobody waits as " + waitingId);
        }
        return w;
    }

    /** The teacher and staff see who waits. */
    void tellModerators() {
        waiting.values().removeIf(w -> w.session().isClosed()); // their pages went away
        ObjectNode event = room.outbound().message("waitingRoom", null);
        event.put("on", room.live().controls().waitingRoom());
        ArrayNode list = event.putArray("waiting");
        for (Waiting w : waiting.values()) {
            list.addObject().put("waitingId", w.id()).put("name", w.name()).put("role", w.role().wireName());
        }
        for (Member member : room.members()) {
            if (LessonControls.moderates(member.participant)) {
                member.session.sendText(event.toString(), Audience.Delivery.ESSENTIAL);
            }
        }
    }
}
