package org.sanke.signaling.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.sanke.classroom.access.JoinGrant;

/**
 * The grant each connection in a lesson came in with, so that a logout or a withdrawn invitation puts its holders
 * out at once rather than at their next join. One entry per connection; thread-safe.
 */
final class LiveGrants {
    private final ConcurrentHashMap<ClientSession, JoinGrant> held = new ConcurrentHashMap<>();

    void hold(ClientSession session, JoinGrant grant) {
        held.put(session, grant);
    }

    void release(ClientSession session) {
        held.remove(session);
    }

    /** Closes every connection whose grant matches, with the close code and reason the page shows. */
    void close(Predicate<JoinGrant> which, short code, String reason) {
        held.forEach((session, grant) -> {
            if (which.test(grant)) {
                held.remove(session, grant);
                session.closeBecause(code, reason);
            }
        });
    }

    int size() {
        return held.size();
    }
}
