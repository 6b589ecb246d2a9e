package org.sanke.classroom.store;

class PostgresAccountStoreTest extends AccountStoreContract {
    @Override
    Database freshDatabase() throws Exception {
        return TestPostgres.freshDatabase();
    }
}
