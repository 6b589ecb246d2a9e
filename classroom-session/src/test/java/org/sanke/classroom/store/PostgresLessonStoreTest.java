package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The lesson store on a real PostgreSQL, started for these tests. */
class PostgresLessonStoreTest extends LessonStoreContract {
    private static TestPostgres postgres;
    private static int databases;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Override
    Database freshDatabase() throws Exception {
        String name = "lessons" + databases++;
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return Database.open(postgres.jdbcUrl().replace("/postgres", "/" + name), "postgres", "");
    }

    @Override
    Database reopen(Database database) {
        return Database.open(database.url(), "postgres", "");
    }
}
