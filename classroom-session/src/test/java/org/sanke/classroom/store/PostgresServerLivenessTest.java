package org.sanke.classroom.store;

class PostgresServerLivenessTest extends ServerLivenessContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }
}
