package org.sanke.classroom.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Replays on H2 in file mode, the embedded default. */
class H2ReplayStoreTest extends ReplayStoreContract {
    @TempDir
    Path dir;
    private int databases;

    @Override
    Database freshDatabase() {
        return Database.open("jdbc:h2:file:" + dir.resolve("db" + databases++), "sa", "");
    }
}
