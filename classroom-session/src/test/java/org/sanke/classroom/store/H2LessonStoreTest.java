package org.sanke.classroom.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The lesson store on H2 in file mode, the embedded default. */
class H2LessonStoreTest extends LessonStoreContract {
    @TempDir
    Path dir;
    private int databases;

    @Override
    Database freshDatabase() {
        return Database.open("jdbc:h2:file:" + dir.resolve("db" + databases++), "sa", "");
    }

    @Override
    Database reopen(Database database) {
        return Database.open(database.url(), "sa", "");
    }
}
