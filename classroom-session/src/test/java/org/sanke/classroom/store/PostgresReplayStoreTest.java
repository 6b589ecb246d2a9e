package org.sanke.classroom.store;

/** Replays on a real PostgreSQL, started for the tests. */
class PostgresReplayStoreTest extends ReplayStoreContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }
}
