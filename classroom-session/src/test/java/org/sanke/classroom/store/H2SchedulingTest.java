package org.sanke.classroom.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2SchedulingTest extends SchedulingContract {
    @TempDir
    Path dir;

    @Override
    Database freshDatabase() {
        return Database.open("jdbc:h2:file:" + dir.resolve("scheduling"), "sa", "");
    }

    @Override
    Database reopen(Database database) {
        return Database.open(database.url(), "sa", "");
    }
}
