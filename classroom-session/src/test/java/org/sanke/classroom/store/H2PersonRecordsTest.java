package org.sanke.classroom.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2PersonRecordsTest extends PersonRecordsContract {
    @TempDir
    Path dir;

    @Override
    Database freshDatabase() {
        return Database.open("jdbc:h2:file:" + dir.resolve("records-" + System.nanoTime()), "sa", "");
    }
}
