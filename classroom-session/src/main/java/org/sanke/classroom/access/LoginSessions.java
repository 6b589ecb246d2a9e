package org.sanke.classroom.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sanke.classroom.DeviceTokens;
import org.sanke.classroom.Person;

/**
 * Signed-in sessions: an opaque 256-bit id for the browser's cookie, of which only a hash is kept. A session ends
 * after {@link #IDLE} without use, after {@link #LONGEST} in any case, at logout, or when its person is locked out.
 * Sessions are kept in memory and in the store, so that a restart does not sign a teacher out mid-lesson; the last
 * use is written at most every {@link #WRITE_LAST_USE_EVERY}.
 *
 * <p>Thread-safe. A session not yet in memory is read from the store, and opening and ending write to it: call
 * from workers.
 */
public final class LoginSessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LONGEST = Duration.ofHours(12);
    /** Browsers a person may be signed in on at once; the oldest session ends when one more opens. */
    public static final int PER_PERSON = 8;
    public static final int MOST = 100_000;
    static final Duration WRITE_LAST_USE_EVERY = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session as the server sees it. */
    public record Session(String key, Person person, Set<LoginResult.Pending> pending, Instant opened,
                          Instant lastUsed) {
        @Override
        public String toString() {
            return "Session[" + person.id() + "]"; // never the key
        }

        public Session {
            pending = pending.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(pending));
        }

        Session used(Instant now) {
            return new Session(key, person, pending, opened, now);
        }
    }

    private final ConcurrentHashMap<String, Session> byKey = new ConcurrentHashMap<>();
    private final List<Consumer<String>> endedListeners = new CopyOnWriteArrayList<>();
    /** When each session's last use was last written to the store. */
    private final ConcurrentHashMap<String, Instant> written = new ConcurrentHashMap<>();
    private final SessionStore store;
    private final Clock clock;

    public LoginSessions(Clock clock, SessionStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** Called with a person's id when all of their sessions ended by logout or lock (to close their sockets). */
    public void onPersonSignedOut(Consumer<String> listener) {
        endedListeners.add(listener);
    }

    /** Opens a session; returns the id the browser keeps (only here, never stored). */
    public String open(Person person, Set<LoginResult.Pending> pending) {
        Instant now = clock.instant();
        sweep(now);
        List<Session> mine = new ArrayList<>(byKey.values().stream()
                .filter(s -> s.person().id().equals(person.id())).toList());
        mine.sort(Comparator.comparing(Session::opened));
        for (int i = 0; i <= mine.size() - PER_PERSON; i++) {
            forget(mine.get(i).key());
        }
        if (byKey.size() >= MOST) {
            throw new IllegalStateException("too many signed-in sessions on this server");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String key = key(id);
        Session session = new Session(key, person, pending, now, now);
        store.save(session);
        written.put(key, now);
        byKey.put(key, session);
        return id;
    }

    /** The live session with this browser id, marked used now; empty when unknown, idle too long or too old. */
    public Optional<Session> use(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = key(id);
        if (!byKey.containsKey(key)) {
            Optional<Session> kept = store.find(key); // opened before a restart
            if (kept.isEmpty()) {
                return Optional.empty();
            }
            written.put(key, kept.get().lastUsed());
            byKey.putIfAbsent(key, kept.get());
        }
        Session session = byKey.computeIfPresent(key, (k, s) -> expired(s, now) ? null : s.used(now));
        if (session == null) {
            forget(key);
            return Optional.empty();
        }
        Instant lastWritten = written.get(key);
        if (lastWritten == null || !now.isBefore(lastWritten.plus(WRITE_LAST_USE_EVERY))) {
            written.put(key, now);
            store.save(session);
        }
        return Optional.of(session);
    }

    /** What the person still must do changed (a password set, a second factor added). */
    public void update(String id, Set<LoginResult.Pending> pending) {
        Session updated = byKey.computeIfPresent(key(id), (k, s) -> new Session(k, s.person(), pending, s.opened(),
                s.lastUsed()));
        if (updated != null) {
            store.save(updated);
        }
    }

    /** Logout: ends every session of the person whose session this is, and tells the listeners. */
    public Optional<Person> signOut(String id) {
        Optional<Session> session = id == null ? Optional.empty() : use(id);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        endAllOf(session.get().person().id());
        return Optional.of(session.get().person());
    }

    /** Ends every session of a person (locked, suspended, password reset) and tells the listeners. */
    public void endAllOf(String personId) {
        for (Session s : byKey.values()) {
            if (s.person().id().equals(personId)) {
                byKey.remove(s.key());
                written.remove(s.key());
            }
        }
        store.deleteAllOf(personId);
        for (Consumer<String> listener : endedListeners) {
            listener.accept(personId);
        }
    }

    public int size() {
        return byKey.size();
    }

    private void sweep(Instant now) {
        // The store's last use may lag by WRITE_LAST_USE_EVERY: it forgets only what has surely ended.
        store.deleteExpired(now.minus(IDLE).minus(WRITE_LAST_USE_EVERY), now.minus(LONGEST));
        for (Session s : byKey.values()) {
            if (expired(s, now)) {
                forget(s.key());
            }
        }
    }

    private void forget(String key) {
        byKey.remove(key);
        written.remove(key);
        store.delete(key);
    }

    private static boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(IDLE)) || !now.isBefore(s.opened().plus(LONGEST));
    }

    private static String key(String id) {
        return DeviceTokens.hash(id); // the SHA-256 that device tokens use: a random id needs no slow hash
    }
}
