package org.sanke.classroom.store;

class PostgresPersonRecordsTest extends PersonRecordsContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }
}
