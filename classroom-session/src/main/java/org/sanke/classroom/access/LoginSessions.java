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
 * Kept in memory: a restart signs everyone out, which costs a login and keeps no session store to protect.
 *
 * <p>Thread-safe; nothing here blocks.
 */
public final class LoginSessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration LONGEST = Duration.ofHours(12);
    /** Browsers a person may be signed in on at once; the oldest session ends when one more opens. */
    public static final int PER_PERSON = 8;
    public static final int MOST = 100_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session as the server sees it. */
    public record Session(String key, Person person, Set<LoginResult.Pending> pending, Instant opened,
                          Instant lastUsed) {
        public Session {
            pending = pending.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(pending));
        }

        Session used(Instant now) {
            return new Session(key, person, pending, opened, now);
        }
    }

    private final ConcurrentHashMap<String, Session> byKey = new ConcurrentHashMap<>();
    private final List<Consumer<String>> endedListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public LoginSessions(Clock clock) {
        this.clock = clock;
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
            byKey.remove(mine.get(i).key());
        }
        if (byKey.size() >= MOST) {
            throw new IllegalStateException("too many signed-in sessions on this server");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String key = key(id);
        byKey.put(key, new Session(key, person, pending, now, now));
        return id;
    }

    /** The live session with this browser id, marked used now; empty when unknown, idle too long or too old. */
    public Optional<Session> use(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = key(id);
        Session session = byKey.computeIfPresent(key, (k, s) -> expired(s, now) ? null : s.used(now));
        return Optional.ofNullable(session);
    }

    /** What the person still must do changed (a password set, a second factor added). */
    public void update(String id, Set<LoginResult.Pending> pending) {
        byKey.computeIfPresent(key(id), (k, s) -> new Session(k, s.person(), pending, s.opened(), s.lastUsed()));
    }

    /** Logout: ends every session of the person whose session this is, and tells the listeners. */
    public Optional<Person> signOut(String id) {
        Session session = id == null ? null : byKey.remove(key(id));
        if (session == null) {
            return Optional.empty();
        }
        endAllOf(session.person().id());
        return Optional.of(session.person());
    }

    /** Ends every session of a person (locked, suspended, password reset) and tells the listeners. */
    public void endAllOf(String personId) {
        byKey.values().removeIf(s -> s.person().id().equals(personId));
        for (Consumer<String> listener : endedListeners) {
            listener.accept(personId);
        }
    }

    public int size() {
        return byKey.size();
    }

    private void sweep(Instant now) {
        byKey.values().removeIf(s -> expired(s, now));
    }

    private static boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(IDLE)) || !now.isBefore(s.opened().plus(LONGEST));
    }

    private static String key(String id) {
        return DeviceTokens.hash(id); // the SHA-256 that device tokens use: a random id needs no slow hash
    }
}
