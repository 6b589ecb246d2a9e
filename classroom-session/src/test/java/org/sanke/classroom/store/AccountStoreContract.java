package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Lesson;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.access.Account;
import org.sanke.classroom.access.LoginResult;
import org.sanke.classroom.access.LoginSessions;
import org.sanke.classroom.access.Passwords;

/** What the account and revocation stores must do, on H2 and on PostgreSQL; S1: no plaintext secret at rest. */
abstract class AccountStoreContract {
    private static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");

    abstract Database freshDatabase() throws Exception;

    @Test
    void keepsAccountsByPersonAndLoginNameAndCountsThemByRole() throws Exception {
        Database db = freshDatabase();
        JdbcSchoolRegistry people = new JdbcSchoolRegistry(db);
        people.add(new School("s1", "Hill"));
        people.add(new Person("u1", "s1", "Wang", PersonRole.LEAD_TEACHER));
        people.add(new Person("u2", null, "Operator", PersonRole.PLATFORM_ADMIN));
        JdbcAccountStore store = new JdbcAccountStore(db);
        String hash = new Passwords(64, 1).hash("Spring-Rain-2026");
        store.add(new Account("u1", "wang", hash, false, 0, null, null, 0, T0));
        store.add(new Account("u2", "operator", hash, true, 0, null, null, 0, T0));

        assertThat(store.byLoginName("wang").orElseThrow().personId()).isEqualTo("u1");
        assertThat(store.byPerson("u2").orElseThrow().mustChangePassword()).isTrue();
        assertThat(store.byLoginName("nobody")).isEmpty();
        assertThat(store.countWithRole("PLATFORM_ADMIN")).isEqualTo(1);
        assertThat(store.countWithRole("INSPECTOR")).isZero();
        assertThatThrownBy(() -> store.add(new Account("u2", "wang", hash, false, 0, null, null, 0, T0)))
                .isInstanceOf(IllegalArgumentException.class);

        Instant lockedUntil = T0.plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        store.update(new Account("u1", "wang", hash, false, 6, lockedUntil, "JBSWY3DPEHPK3PXP", 42, T0));
        Account updated = store.byPerson("u1").orElseThrow();
        assertThat(updated.failedLogins()).isEqualTo(6);
        assertThat(updated.lockedUntil()).isEqualTo(lockedUntil);
        assertThat(updated.totpLastStep()).isEqualTo(42);
        assertThat(updated.hasSecondFactor()).isTrue();

        store.setRecoveryCodes("u1", List.of("h1", "h2"));
        assertThat(store.useRecoveryCode("u1", "h1")).isTrue();
        assertThat(store.useRecoveryCode("u1", "h1")).as("once").isFalse();
        store.setRecoveryCodes("u1", List.of("h3"));
        assertThat(store.useRecoveryCode("u1", "h2")).as("replaced").isFalse();
        assertThat(store.useRecoveryCode("u1", "h3")).isTrue();

        // S1: nothing at rest holds the password itself.
        try (Connection c = db.connect(); ResultSet rows = c.createStatement().executeQuery("SELECT * FROM account")) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    assertThat(String.valueOf(rows.getObject(i))).doesNotContain("Spring-Rain-2026");
                }
            }
        }
    }

    @Test
    void revokedGrantsAreKeptUntilTheyWouldHaveExpired() throws Exception {
        JdbcRevokedGrantStore store = new JdbcRevokedGrantStore(freshDatabase());
        store.revoke("g1", T0.plusSeconds(60));
        store.revoke("g1", T0.plusSeconds(60));
        store.revoke("g2", T0.plusSeconds(600));
        assertThat(store.unexpired(T0)).containsOnlyKeys("g1", "g2");
        assertThat(store.unexpired(T0.plusSeconds(120))).containsOnlyKeys("g2");
        store.forgetExpired(T0.plusSeconds(120));
        assertThat(store.unexpired(T0)).containsOnlyKeys("g2");
    }

    @Test
    void sessionsAreKeptByTheHashOfTheBrowsersIdWithTheirPersonAndPendingSteps() throws Exception {
        Database db = freshDatabase();
        JdbcSchoolRegistry people = new JdbcSchoolRegistry(db);
        people.add(new School("s1", "Hill"));
        Person wang = new Person("u1", "s1", "Wang", PersonRole.LEAD_TEACHER);
        people.add(wang);
        JdbcSessionStore store = new JdbcSessionStore(db);
        LoginSessions sessions = new LoginSessions(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), store);
        String id = sessions.open(wang, java.util.Set.of(LoginResult.Pending.CHANGE_PASSWORD));

        LoginSessions.Session kept = store.find(org.sanke.classroom.DeviceTokens.hash(id)).orElseThrow();
        assertThat(kept.person()).isEqualTo(wang);
        assertThat(kept.pending()).containsExactly(LoginResult.Pending.CHANGE_PASSWORD);
        assertThat(kept.opened()).isEqualTo(T0);
        try (Connection c = db.connect(); ResultSet rows = c.createStatement().executeQuery(
                "SELECT key_hash FROM login_session")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).as("never the browser's id").isNotEqualTo(id).hasSize(64);
        }
        store.deleteExpired(T0.plusSeconds(1), T0.minusSeconds(1));
        assertThat(store.find(kept.key())).isEmpty();
    }

    @Test
    void aLessonMadeThroughTheApiRemembersWhoMadeIt() throws Exception {
        JdbcLessonStore lessons = new JdbcLessonStore(freshDatabase());
        lessons.insert(new Lesson("math", "Maths", LessonMode.DEDICATED, 3, "u1"));
        lessons.insert(new Lesson("demo", "Demo", LessonMode.DEDICATED, 3));
        assertThat(lessons.find("math").orElseThrow().ownerId()).isEqualTo("u1");
        assertThat(lessons.find("demo").orElseThrow().ownerId()).isNull();
    }
}
