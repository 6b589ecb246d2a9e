package org.sanke.classroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool in front of the database: bounded, a call waits a bounded time, and it closes. */
class DatabasePoolTest {
    @TempDir
    Path dir;

    @Test
    void aCallBeyondThePoolFailsAfterTheConnectionTimeoutInsteadOfWaitingForever() throws Exception {
        try (Database database = Database.open("jdbc:h2:file:" + dir.resolve("pool"), "sa", "",
                new Database.Settings(2, Duration.ofMillis(300), Duration.ofSeconds(30)))) {
            try (Connection held = database.connect(); Connection alsoHeld = database.connect()) {
                long started = System.nanoTime();
                assertThatThrownBy(database::connect).isInstanceOf(SQLException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
                        Duration.ofSeconds(3));
                assertThat(held.isValid(1) && alsoHeld.isValid(1)).isTrue();
            }
            try (Connection again = database.connect()) {
                assertThat(again.isValid(1)).as("the connection went back to the pool").isTrue();
            }
        }
    }

    @Test
    void aClosedDatabaseRefusesCallsAndItsFileOpensAgain() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("closing");
        Database database = Database.open(url, "sa", "");
        new JdbcLessonStore(database).insert(new org.sanke.classroom.Lesson("kept", "Maths",
                org.sanke.classroom.LessonMode.DEDICATED, 2));
        database.close();
        assertThatThrownBy(database::connect).isInstanceOf(SQLException.class);
        try (Database reopened = Database.open(url, "sa", "")) {
            assertThat(new JdbcLessonStore(reopened).find("kept")).isPresent();
        }
    }

    @Test
    void settingsRefuseWhatThePoolCannotHonour() {
        assertThatThrownBy(() -> new Database.Settings(1, Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .hasMessageContaining("at least two connections");
        assertThatThrownBy(() -> new Database.Settings(8, Duration.ofMillis(10), Duration.ofSeconds(30)))
                .hasMessageContaining("at least 250 ms");
    }
}
