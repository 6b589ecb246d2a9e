package org.sanke.signaling.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sends one event to many members of a lesson: the event is written as text once, and each event loop that serves
 * some of them gets one task that writes it to its own connections. The lesson's thread does no per-member JSON
 * work, and a large audience costs it a pointer per member.
 */
final class Audience {
    private Audience() {
    }

    /** Sends to the members {@code who} accepts. Called on the lesson's thread. */
    static void send(Iterable<Member> members, Predicate<Member> who, ObjectNode event, Delivery delivery) {
        String text = null;
        Map<Context, List<ClientSession>> byLoop = new HashMap<>(4);
        for (Member member : members) {
            if (who.test(member)) {
                if (text == null) {
                    text = event.toString();
                }
                byLoop.computeIfAbsent(member.session.context(), loop -> new ArrayList<>()).add(member.session);
            }
        }
        String message = text;
        byLoop.forEach((loop, sessions) -> loop.runOnContext(ignored -> {
            for (ClientSession session : sessions) {
                session.sendText(message, delivery);
            }
        }));
    }

    /** Sends to everyone. */
    static void sendAll(Iterable<Member> members, ObjectNode event, Delivery delivery) {
        send(members, member -> true, event, delivery);
    }

    /** Whether a slow reader may miss an event. */
    enum Delivery {
        /** State the client cannot do without (offers, replies, who is here, the lesson's end). */
        ESSENTIAL,
        /** Chat, questions, hands and quality: a slow reader loses these rather than hold server memory. */
        DROPPABLE
    }
}
