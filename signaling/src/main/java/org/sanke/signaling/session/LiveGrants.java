package org.sanke.signaling.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.sanke.classroom.access.JoinGrant;

/**
 * The grant each connection in a lesson came in with, so that a logout or a withdrawn invitation puts its holders
 * out at once rather than at their next join. One entry per connection; thread-safe.
 */
final class LiveGrants {
    /** Lesson connections one signed-in person may hold at once (a teacher's page, a rejoin's overlap, a second lesson). */
    static final int MAX_PER_PERSON = 5;

    private final ConcurrentHashMap<ClientSession, JoinGrant> held = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perPerson = new ConcurrentHashMap<>();

    /** Holds the connection's grant; false (nothing held) when its person already has {@link #MAX_PER_PERSON}. */
    boolean hold(ClientSession session, JoinGrant grant) {
        String person = grant.personId();
        if (person != null) {
            boolean[] full = new boolean[1];
            perPerson.compute(person, (id, count) -> {
                int now = count == null ? 0 : count;
                full[0] = now >= MAX_PER_PERSON;
                return full[0] ? count : now + 1;
            });
            if (full[0]) {
                return false;
            }
        }
        JoinGrant previous = held.put(session, grant); // a connection that joins again holds its new grant
        if (previous != null) {
            forget(previous);
        }
        return true;
    }

    void release(ClientSession session) {
        JoinGrant grant = held.remove(session);
        if (grant != null) {
            forget(grant);
        }
    }

    private void forget(JoinGrant grant) {
        if (grant.personId() != null) {
            perPerson.computeIfPresent(grant.personId(), (id, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Closes every connection whose grant matches, with the close code and reason the page shows. */
    void close(Predicate<JoinGrant> which, short code, String reason) {
        held.forEach((session, grant) -> {
            if (which.test(grant) && held.remove(session, grant)) {
                forget(grant);
                session.closeBecause(code, reason);
            }
        });
    }

    int size() {
        return held.size();
    }
}
