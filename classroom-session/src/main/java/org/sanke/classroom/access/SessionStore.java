package org.sanke.classroom.access;

import java.util.Optional;

/** Where signed-in sessions outlive a restart. The JDBC one blocks: {@link LoginSessions} calls it from workers. */
public interface SessionStore {
    /** Inserts or replaces the session with this key. */
    void save(LoginSessions.Session session);

    Optional<LoginSessions.Session> find(String key);

    void delete(String key);

    void deleteAllOf(String personId);

    /** Removes sessions last used before {@code usedBefore} or opened before {@code openedBefore}. */
    void deleteExpired(java.time.Instant usedBefore, java.time.Instant openedBefore);

    /** Keeps nothing: a restart signs everyone out (tests, throwaway runs). */
    static SessionStore none() {
        return new SessionStore() {
            @Override
            public void save(LoginSessions.Session session) {
            }

            @Override
            public Optional<LoginSessions.Session> find(String key) {
                return Optional.empty();
            }

            @Override
            public void delete(String key) {
            }

            @Override
            public void deleteAllOf(String personId) {
            }

            @Override
            public void deleteExpired(java.time.Instant usedBefore, java.time.Instant openedBefore) {
            }
        };
    }
}
