package org.sanke.classroom.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ServerLivenessTest extends ServerLivenessContract {
    @TempDir
    Path dir;
    private int databases;

    @Override
    Database freshDatabase() {
        return Database.open("jdbc:h2:file:" + dir.resolve("liveness" + databases++), "sa", "");
    }
}
