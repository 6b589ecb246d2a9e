package org.sanke.classroom.store;

/** The lesson store on a real PostgreSQL, started for the tests. */
class PostgresLessonStoreTest extends LessonStoreContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }

    @Override
    Database reopen(Database database) {
        return Database.open(database.url(), "postgres", "");
    }
}
