package org.sanke.classroom.store;

class PostgresSchedulingTest extends SchedulingContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }

    @Override
    Database reopen(Database database) {
        return Database.open(database.url(), "postgres", "");
    }
}
