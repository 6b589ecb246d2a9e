package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.SettableClock;
import org.sanke.classroom.store.JdbcSessionStore;

/** S2, S3: sessions end when idle, when too old, and at logout for every browser of the person. */
class LoginSessionsTest {
    private final AccessFixture f = new AccessFixture();
    private final SettableClock clock = f.clock;
    private final JdbcSessionStore store = new JdbcSessionStore(f.database);
    private final LoginSessions sessions = new LoginSessions(clock, store);
    private final Person wang = f.person("u1", "s1", PersonRole.LEAD_TEACHER);
    private final Person li = f.person("u2", "s1", PersonRole.LEAD_TEACHER);

    @Test
    void aSessionOutlivesARestartButNotALogout() {
        String id = sessions.open(wang, Set.of(LoginResult.Pending.SET_UP_SECOND_FACTOR));
        LoginSessions restarted = new LoginSessions(clock, store);
        LoginSessions.Session kept = restarted.use(id).orElseThrow();
        assertThat(kept.person()).isEqualTo(wang);
        assertThat(kept.pending()).containsExactly(LoginResult.Pending.SET_UP_SECOND_FACTOR);
        restarted.signOut(id);
        assertThat(new LoginSessions(clock, store).use(id)).isEmpty();
    }

    @Test
    void aSessionIdleTooLongBeforeARestartIsGoneAfterIt() {
        String id = sessions.open(wang, Set.of());
        clock.advance(LoginSessions.IDLE.plusMinutes(1));
        assertThat(new LoginSessions(clock, store).use(id)).isEmpty();
    }

    @Test
    void anIdleSessionEndsByItselfAndUseKeepsOneAlive() {
        String id = sessions.open(wang, Set.of());
        clock.advance(LoginSessions.IDLE.minusMinutes(1));
        assertThat(sessions.use(id)).map(LoginSessions.Session::person).contains(wang);
        clock.advance(LoginSessions.IDLE.minusMinutes(1));
        assertThat(sessions.use(id)).as("used a moment ago").isPresent();
        clock.advance(LoginSessions.IDLE);
        assertThat(sessions.use(id)).as("idle too long").isEmpty();
    }

    @Test
    void aSessionEndsAfterTwelveHoursHoweverMuchItIsUsed() {
        String id = sessions.open(wang, Set.of());
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.use(id);
        }
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.use(id)).isEmpty();
    }

    @Test
    void logoutEndsEverySessionOfThePersonAndSaysSo() {
        List<String> signedOut = new ArrayList<>();
        sessions.onPersonSignedOut(signedOut::add);
        String phone = sessions.open(wang, Set.of());
        String laptop = sessions.open(wang, Set.of());
        String other = sessions.open(li, Set.of());

        assertThat(sessions.signOut(phone)).contains(wang);
        assertThat(sessions.use(laptop)).isEmpty();
        assertThat(sessions.use(other)).isPresent();
        assertThat(signedOut).containsExactly("u1");
        assertThat(sessions.signOut(phone)).as("once").isEmpty();
    }

    @Test
    void theBrowsersIdIsNotKeptAndUnknownIdsFindNothing() {
        String id = sessions.open(wang, Set.of());
        assertThat(sessions.use(id).orElseThrow().key()).isNotEqualTo(id).hasSize(64);
        assertThat(sessions.use("made-up")).isEmpty();
        assertThat(sessions.use(null)).isEmpty();
        assertThat(sessions.use("x".repeat(5000))).isEmpty();
    }

    @Test
    void aPersonHasAtMostEightSessionsAndTheOldestGoes() {
        String first = sessions.open(wang, Set.of());
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < LoginSessions.PER_PERSON; i++) {
            sessions.open(wang, Set.of());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(sessions.use(first)).isEmpty();
        assertThat(sessions.size()).isEqualTo(LoginSessions.PER_PERSON);
    }
}
