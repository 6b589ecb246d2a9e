package org.sanke.classroom.store;

class PostgresAttendanceStoreTest extends AttendanceStoreContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }
}
